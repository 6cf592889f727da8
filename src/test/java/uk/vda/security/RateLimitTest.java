package uk.vda.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.vda.ApiClient;

/** A client over its rate gets 429 with Retry-After; another client is not affected. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"advisor.limits.rate-per-second=1", "advisor.limits.burst=3"})
class RateLimitTest {
    @LocalServerPort
    private int port;

    @Test
    void shouldAnswer429WithRetryAfterBeyondTheBurst() throws Exception {
        ApiClient api = new ApiClient(port);
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> last = null;
        for (int i = 0; i < 5; i++) {
            last = api.get("/api/v1/audit/decisions", ApiClient.BOOTSTRAP_KEY);
            statuses.add(last.statusCode());
        }

        assertThat(statuses.subList(0, 3)).containsOnly(200);
        assertThat(statuses.get(4)).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(last.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(api.get("/api/v1/catalogue", null).statusCode())
                .as("anonymous callers have their own bucket")
                .isEqualTo(200);
    }
}
