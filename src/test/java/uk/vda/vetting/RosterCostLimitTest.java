package uk.vda.vetting;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import uk.vda.ApiClient;

/**
 * A roster is limited by what it may cost before any of it is assessed: 413 over the per-request limit, 429 when
 * the client's allowance is spent, each a problem+json saying the limit.
 */
// the same limits as BatchAndMetricsTest, so that the two share one application context
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "advisor.limits.cost-per-request=10",
            "advisor.limits.cost-burst=20",
            "advisor.limits.cost-per-second=1"
        })
class RosterCostLimitTest {
    private static final String ROSTER = "/api/v1/vetting-assessments/roster";

    @LocalServerPort
    private int port;

    @Autowired
    private RosterStream streams;

    /** People with three profile lines each (three evaluations at most), each assessed as of a day of its own. */
    private static String people(int count, int firstDay) {
        List<String> people = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            people.add("{\"personId\": \"e" + i
                    + "\", \"roles\": [\"CTIO\"], \"organisation\": \"POLICE\", \"asOf\": \"2026-01-"
                    + String.format("%02d", firstDay + i) + "\", \"accessProfile\": ["
                    + "{\"marking\": \"SECRET\", \"frequency\": \"REGULAR\"}, {\"marking\": \"OFFICIAL\", \"frequency\": \"REGULAR\"}, "
                    + "{\"marking\": \"TOP_SECRET\", \"frequency\": \"OCCASIONAL\"}]}");
        }
        return "[" + String.join(",", people) + "]";
    }

    @Test
    void shouldRefuseARosterOverTheCostLimitWith413NamingCostAndLimitBeforeAssessingAnyone() throws Exception {
        ApiClient api = new ApiClient(port);
        long answered = streams.answered();

        HttpResponse<String> refused = api.post(ROSTER, ApiClient.BOOTSTRAP_KEY, "application/json", people(4, 1));

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(ApiClient.json(refused)).isEqualTo(ApiClient.JSON.readTree("""
                        {"type": "urn:vda:problem:request-too-costly", "title": "Request too costly", "status": 413,
                         "detail": "This roster needs up to 12 rule evaluations; one request may need at most 10. Send it in parts.",
                         "instance": "/api/v1/vetting-assessments/roster", "cost": 12, "limit": 10}
                        """));
        assertThat(streams.answered()).as("no one was assessed").isEqualTo(answered);

        HttpResponse<String> three = api.post(ROSTER, ApiClient.BOOTSTRAP_KEY, "application/json", people(3, 1));
        assertThat(three.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(three).get("summary").get("people").asInt()).isEqualTo(3);
    }

    @Test
    void shouldAnswer429WithRetryAfterOnceTheClientsAllowanceIsSpent() throws Exception {
        ApiClient api = new ApiClient(port);
        String key = api.newKey(ApiClient.BOOTSTRAP_KEY, "roster-allowance", "assess");

        // nine evaluations each, all needed (every line of every person is new), until the allowance (20, refilled
        // at 1 a second) has fewer than nine left
        HttpResponse<String> over = null;
        int answeredRosters = 0;
        for (int day = 1; day <= 25 && (over == null || over.statusCode() == 200); day += 3) {
            over = api.post(ROSTER, key, "application/json", people(3, day));
            answeredRosters += over.statusCode() == 200 ? 1 : 0;
        }

        assertThat(answeredRosters)
                .as("rosters answered before the allowance ran short")
                .isGreaterThanOrEqualTo(2);
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(over.headers().firstValue("Content-Type")).hasValue("application/problem+json");
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
                         "detail": "This roster needs up to 9 rule evaluations and this client has %d left; its allowance is 1 a second, up to 20 at once. Try again in %d s.",
                         "instance": "/api/v1/vetting-assessments/roster", "cost": 9, "available": %d,
                         "limitPerSecond": 1, "burst": 20}
                        """.formatted(available, retryAfter, available)));
    }

    @Test
    void shouldChargeEveryPersonAtLeastOneEvaluationWhenTheirLinesWereAllCached() throws Exception {
        ApiClient api = new ApiClient(port);
        String key = api.newKey(ApiClient.BOOTSTRAP_KEY, "roster-cached", "assess");
        // nine people with the same single line, assessed as of the same day: one evaluation, eight from the cache
        List<String> people = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            people.add("{\"personId\": \"c" + i + "\", \"roles\": [\"CTIO\"], \"organisation\": \"POLICE\","
                    + " \"asOf\": \"2026-02-01\", \"accessProfile\": [{\"marking\": \"OFFICIAL\","
                    + " \"frequency\": \"REGULAR\"}]}");
        }
        String roster = "[" + String.join(",", people) + "]";

        // 9 a roster (once a hundredth a cached person: 1 a roster, and the allowance of 20 never ran out)
        HttpResponse<String> first = api.post(ROSTER, key, "application/json", roster);
        HttpResponse<String> second = api.post(ROSTER, key, "application/json", roster);
        HttpResponse<String> third = api.post(ROSTER, key, "application/json", roster);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(ApiClient.json(third).get("cost").asLong()).isEqualTo(9);
        assertThat(ApiClient.json(third).get("available").asLong()).isLessThan(9);
    }
}
