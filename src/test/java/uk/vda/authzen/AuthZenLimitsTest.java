package uk.vda.authzen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.vda.ApiClient;

/** The native API's limits hold at the AuthZEN door: one rate budget per client across both, the same body limit. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"advisor.limits.rate-per-second=1", "advisor.limits.burst=3", "advisor.limits.max-body-size=2KB"})
class AuthZenLimitsTest {
    @LocalServerPort
    private int port;

    private HttpResponse<String> evaluation(ApiClient api, String body, String requestId) throws Exception {
        return api.send(api.request("/access/v1/evaluation", ApiClient.BOOTSTRAP_KEY)
                .header("Content-Type", "application/json")
                .header("X-Request-ID", requestId)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void shouldRefuseABodyOverTheLimitAndThenAClientOverItsRateSharedWithTheNativeApi() throws Exception {
        ApiClient api = new ApiClient(port);

        HttpResponse<String> tooLarge =
                evaluation(api, "{\"context\": {\"note\": \"" + "x".repeat(3000) + "\"}}", "req-413");
        HttpResponse<String> nativeCall = api.get("/api/v1/audit/decisions", ApiClient.BOOTSTRAP_KEY);
        // The refused body never reached the rate limit; the native call took one of the three, these the rest.
        HttpResponse<String> second = evaluation(api, "{}", "req-400");
        HttpResponse<String> third = evaluation(api, "{}", "req-400");
        HttpResponse<String> overRate = evaluation(api, "{}", "req-429");

        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(tooLarge.headers().firstValue("X-Request-ID")).hasValue("req-413");
        assertThat(nativeCall.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(third.statusCode()).isEqualTo(400);
        assertThat(overRate.statusCode()).isEqualTo(429);
        assertThat(overRate.headers().firstValue("Retry-After")).isPresent();
        assertThat(overRate.headers().firstValue("X-Request-ID")).hasValue("req-429");
    }
}
