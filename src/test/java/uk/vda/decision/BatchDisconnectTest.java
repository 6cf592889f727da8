package uk.vda.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.vda.ApiClient;

/** A batch whose client goes away stops being worked on within a second. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BatchDisconnectTest {
    @LocalServerPort
    private int port;

    @Autowired
    private BatchService batches;

    @Test
    void shouldStopWorkingWithinASecondOfTheClientGoingAway() throws Exception {
        // 90,000 questions no cache can answer: minutes of work on two cores
        byte[] body = BatchAndMetricsTest.distinct(300, 300, 0).getBytes(StandardCharsets.UTF_8);
        long answeredBefore = batches.answered();
        long closed;
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/decisions/batch HTTP/1.1\r\nHost: localhost\r\nX-API-Key: "
                            + ApiClient.BOOTSTRAP_KEY + "\r\nContent-Type: application/json\r\nContent-Length: "
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
            assertThat(batches.running()).isEqualTo(1);
            socket.setSoLinger(true, 0);
            closed = System.nanoTime();
        }

        while (batches.running() > 0 && System.nanoTime() - closed < 5_000_000_000L) {
            Thread.sleep(10);
        }
        long stoppedMillis = (System.nanoTime() - closed) / 1_000_000;
        long answered = batches.answered();
        Thread.sleep(500);

        assertThat(stoppedMillis)
                .as("milliseconds from the client going to the batch ending")
                .isLessThan(1000);
        assertThat(batches.answered())
                .as("no pair is answered once the batch has ended")
                .isEqualTo(answered);
        assertThat(answered - answeredBefore)
                .as("most of the batch was never worked on")
                .isLessThan(45_000);
    }
}
