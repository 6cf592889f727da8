package uk.vda.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.vda.ApiClient;

/** Guessing keys is rate-limited like anonymous calls: wrong keys use up their address's burst, then get 429. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"advisor.limits.rate-per-second=1", "advisor.limits.burst=4"})
class FailedKeyRateLimitTest {
    @LocalServerPort
    private int port;

    @Test
    void shouldAnswer429ToWrongKeysOnceTheirAddressHasUsedItsBurst() throws Exception {
        ApiClient api = new ApiClient(port);
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> last = null;
        for (int i = 0; i < 8; i++) {
            last = api.get("/api/v1/audit/decisions", "vda_" + String.format("%012d", i) + "_guess");
            statuses.add(last.statusCode());
        }

        assertThat(statuses.subList(0, 4)).containsOnly(401);
        assertThat(statuses.subList(6, 8)).containsOnly(429);
        assertThat(last.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(ApiClient.json(last).get("title").asString()).isEqualTo("Too many requests");
        assertThat(api.get("/api/v1/audit/decisions", ApiClient.BOOTSTRAP_KEY).statusCode())
                .as("a key known without the database still answers")
                .isEqualTo(200);
    }
}
