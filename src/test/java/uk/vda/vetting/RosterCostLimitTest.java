package uk.vda.vetting;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import uk.vda.ApiClient;

/** A roster needing more rule evaluations than one request may is refused whole, before any is assessed. */
// the same limits as BatchAndMetricsTest, so that the two share one application context
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "advisor.limits.cost-per-request=10",
            "advisor.limits.cost-burst=20",
            "advisor.limits.cost-per-second=1"
        })
class RosterCostLimitTest {
    @LocalServerPort
    private int port;

    @Test
    void shouldRefuseARosterOverTheCostLimitWith413NamingCostAndLimit() throws Exception {
        ApiClient api = new ApiClient(port);
        List<String> people = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            // three profile lines each: twelve evaluations at most
            people.add("{\"personId\": \"e" + i
                    + "\", \"roles\": [\"CTIO\"], \"organisation\": \"POLICE\", \"accessProfile\": ["
                    + "{\"marking\": \"SECRET\", \"frequency\": \"REGULAR\"}, {\"marking\": \"OFFICIAL\", \"frequency\": \"REGULAR\"}, "
                    + "{\"marking\": \"TOP_SECRET\", \"frequency\": \"OCCASIONAL\"}]}");
        }

        HttpResponse<String> refused = api.post(
                "/api/v1/vetting-assessments/roster",
                ApiClient.BOOTSTRAP_KEY,
                "application/json",
                "[" + String.join(",", people) + "]");

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = ApiClient.json(refused);
        assertThat(problem.get("detail").asString())
                .isEqualTo(
                        "This roster needs up to 12 rule evaluations; one request may need at most 10. Send it in parts.");
        assertThat(problem.get("cost").asLong()).isEqualTo(12);
        assertThat(problem.get("limit").asLong()).isEqualTo(10);

        HttpResponse<String> three = api.post(
                "/api/v1/vetting-assessments/roster",
                ApiClient.BOOTSTRAP_KEY,
                "application/json",
                "[" + String.join(",", people.subList(0, 3)) + "]");
        assertThat(three.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(three).get("summary").get("people").asInt()).isEqualTo(3);
    }
}
