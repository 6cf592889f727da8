package uk.vda.authzen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import uk.vda.ApiClient;
import uk.vda.security.CostLimiter;

/**
 * Access Evaluations draw on the same cost limits as a decision batch: 413 over the per-request limit, 429 when the
 * client's allowance is spent, as problem+json with X-Request-ID echoed; what the cache saved is given back.
 */
// the same limits as BatchAndMetricsTest, so that the two share one application context
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "advisor.limits.cost-per-request=10",
            "advisor.limits.cost-burst=20",
            "advisor.limits.cost-per-second=1"
        })
class AuthZenCostLimitTest {
    private static final String SUBJECT = """
            {"type": "person", "id": "la-ce-anytown",
             "properties": {"roles": ["LA_CHIEF_EXECUTIVE"], "organisation": "LOCAL_AUTHORITY", "nationalities": ["GB"],
                            "vetting": [{"level": "BPSS", "status": "VERIFIED"}]}}""";

    @LocalServerPort
    private int port;

    @Autowired
    private CostLimiter costs;

    @Autowired
    private JdbcTemplate jdbc;

    /**
     * {@code count} evaluations of one person, each of a document with two lower-marked alternatives (three rule
     * evaluations each), as of the given day of November 2026.
     */
    private static String evaluations(int count, int day) {
        List<String> evaluations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            evaluations.add("{\"resource\": {\"type\": \"document\", \"id\": \"ctlp-" + i + "\", \"properties\": "
                    + "{\"marking\": \"SECRET\", \"category\": \"CTLP_FULL\", \"owner\": \"POLICE\", \"alternatives\": ["
                    + "{\"id\": \"ctlp-" + i
                    + "-partner\", \"marking\": \"RESTRICTED\", \"category\": \"CTLP_PARTNER\"},"
                    + "{\"id\": \"ctlp-" + i
                    + "-briefing\", \"marking\": \"OFFICIAL\", \"category\": \"THREAT_BRIEFING\"}]}}}");
        }
        return "{\"subject\": " + SUBJECT + ", \"action\": {\"name\": \"read\", \"properties\": {\"frequency\": "
                + "\"OCCASIONAL\"}}, \"context\": {\"asOf\": \"2026-11-" + String.format("%02d", day)
                + "\"}, \"evaluations\": [" + String.join(",", evaluations) + "]}";
    }

    private HttpResponse<String> post(ApiClient api, String key, String body, String requestId) throws Exception {
        return api.send(api.request(AuthZenController.EVALUATIONS, key)
                .header("Content-Type", "application/json")
                .header("X-Request-ID", requestId)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private long recorded() {
        return jdbc.queryForObject(
                "select count(*) from audit_record where endpoint = ?", Long.class, AuthZenController.EVALUATIONS);
    }

    @Test
    void shouldRefuseEvaluationsOverTheCostLimitWith413BeforeAnsweringAny() throws Exception {
        ApiClient api = new ApiClient(port);
        long recordedBefore = recorded();

        HttpResponse<String> refused = post(api, ApiClient.BOOTSTRAP_KEY, evaluations(4, 1), "req-413-cost");

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.headers().firstValue("X-Request-ID")).hasValue("req-413-cost");
        assertThat(ApiClient.json(refused)).isEqualTo(ApiClient.JSON.readTree("""
                        {"type": "urn:vda:problem:request-too-costly", "title": "Request too costly", "status": 413,
                         "detail": "This Access Evaluations request needs up to 12 rule evaluations; one request may need at most 10. Send it in parts.",
                         "instance": "/access/v1/evaluations", "cost": 12, "limit": 10}
                        """));
        assertThat(recorded()).as("nothing answered, nothing recorded").isEqualTo(recordedBefore);
    }

    @Test
    void shouldAnswer429WithRetryAfterOnceTheClientsAllowanceIsSpentAndGiveBackWhatTheCacheSaved() throws Exception {
        ApiClient api = new ApiClient(port);
        String key = api.newKey(ApiClient.BOOTSTRAP_KEY, "authzen-allowance", "decide");
        String client = "client:authzen-allowance";

        HttpResponse<String> first = post(api, key, evaluations(3, 2), "req-first");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(ApiClient.json(first).get("evaluations")).hasSize(3);
        long before = costs.available(client);
        long started = System.nanoTime();
        assertThat(post(api, key, evaluations(3, 2), "req-again").statusCode()).isEqualTo(200);
        long refilled = (System.nanoTime() - started) / 1_000_000_000L + 1;
        assertThat(costs.available(client))
                .as("three cached answers cost one evaluation")
                .isBetween(before - 1, before - 1 + refilled);

        // questions never asked before, nine evaluations each, until the allowance (20, refilled at 1 a second) has
        // fewer than nine left
        HttpResponse<String> over = null;
        for (int day = 3; day <= 12 && (over == null || over.statusCode() == 200); day++) {
            over = post(api, key, evaluations(3, day), "req-429-cost");
        }

        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(over.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(over.headers().firstValue("X-Request-ID")).hasValue("req-429-cost");
        JsonNode problem = ApiClient.json(over);
        long available = problem.get("available").asLong();
        assertThat(available).isBetween(0L, 8L);
        long retryAfter =
                Long.parseLong(over.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter)
                .as("seconds until nine are there, at one a second")
                .isEqualTo(9 - available);
        assertThat(problem).isEqualTo(ApiClient.JSON.readTree("""
                        {"type": "urn:vda:problem:cost-limit", "title": "Too much work requested", "status": 429,
                         "detail": "This Access Evaluations request needs up to 9 rule evaluations and this client has %d left; its allowance is 1 a second, up to 20 at once. Try again in %d s.",
                         "instance": "/access/v1/evaluations", "cost": 9, "available": %d,
                         "limitPerSecond": 1, "burst": 20}
                        """.formatted(available, retryAfter, available)));
        assertThat(api.send(api.request(AuthZenController.EVALUATION, key)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"subject\": " + SUBJECT
                                        + ", \"resource\": {\"type\": \"document\", \"id\": \"d\", \"properties\": "
                                        + "{\"marking\": \"OFFICIAL\", \"category\": \"THREAT_BRIEFING\"}}, "
                                        + "\"action\": {\"name\": \"read\"}}")))
                        .statusCode())
                .as("a single Access Evaluation is counted by the request rate only, as a single decision is")
                .isEqualTo(200);
    }
}
