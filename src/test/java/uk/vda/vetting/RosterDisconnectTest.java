package uk.vda.vetting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.vda.ApiClient;

/** A roster whose client goes away stops being worked on within a second. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RosterDisconnectTest {
    private static final int PEOPLE = 20_000;
    /** Six lines, four of them regular (each also asked as occasional): eleven rule sessions a person. */
    private static final String PROFILE = "SECRET:REGULAR:CTLP_FULL:POLICE;OFFICIAL:OCCASIONAL;"
            + "RESTRICTED:REGULAR:CTLP_PARTNER;CONFIDENTIAL:REGULAR:INTELLIGENCE_REPORT;"
            + "TOP_SECRET:OCCASIONAL:THREAT_BRIEFING;OFFICIAL:REGULAR:NEIGHBOURHOOD_PROFILE";

    @LocalServerPort
    private int port;

    @Autowired
    private RosterStream streams;

    @Test
    void shouldStopWorkingWithinASecondOfTheClientGoingAway() throws Exception {
        byte[] body = distinct(PEOPLE).getBytes(StandardCharsets.UTF_8);
        long answeredBefore = streams.answered();
        long closed;
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/vetting-assessments/roster HTTP/1.1\r\nHost: localhost\r\nX-API-Key: "
                            + ApiClient.BOOTSTRAP_KEY + "\r\nContent-Type: text/csv\r\nContent-Length: "
                            + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String start = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(start).isEqualTo("HTTP/1.1 200");
            // read for two seconds, so that chunks have grown to their working size
            long reading = System.nanoTime();
            byte[] buffer = new byte[8192];
            while (System.nanoTime() - reading < 2_000_000_000L && in.read(buffer) > 0) {
                // the answers so far
            }
            assertThat(streams.running()).isEqualTo(1);
            socket.setSoLinger(true, 0);
            closed = System.nanoTime();
        }

        while (streams.running() > 0 && System.nanoTime() - closed < 5_000_000_000L) {
            Thread.sleep(10);
        }
        long stoppedMillis = (System.nanoTime() - closed) / 1_000_000;
        long answered = streams.answered();
        Thread.sleep(500);

        assertThat(stoppedMillis)
                .as("milliseconds from the client going to the roster ending")
                .isLessThan(1000);
        assertThat(streams.answered())
                .as("no person is assessed once the roster has ended")
                .isEqualTo(answered);
        assertThat(answered - answeredBefore)
                .as("most of the roster was never worked on")
                .isLessThan(PEOPLE / 2);
    }

    /**
     * People whose assessments no cache can share: each is assessed as of a day of its own, so every line of every
     * access profile is run through the rules again.
     */
    static String distinct(int people) {
        StringBuilder csv = new StringBuilder("personId,roles,organisation,requestedVetting,held,accessProfile,asOf\n");
        for (int i = 0; i < people; i++) {
            csv.append("p")
                    .append(i)
                    .append(",CTIO,POLICE,SC,BPSS:VERIFIED,")
                    .append(PROFILE)
                    .append(',')
                    .append(LocalDate.of(2026, 1, 1).plusDays(i))
                    .append('\n');
        }
        return csv.toString();
    }
}
