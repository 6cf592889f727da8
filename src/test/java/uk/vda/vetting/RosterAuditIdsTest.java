package uk.vda.vetting;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.vda.ApiClient.BOOTSTRAP_KEY;
import static uk.vda.ApiClient.json;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import uk.vda.ApiClient;

/** Every assessmentId a roster hands out can be looked up in the decision log: it is the roster's record's id. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RosterAuditIdsTest {
    @LocalServerPort
    private int port;

    @Test
    void shouldGiveEveryAssessmentOfARosterTheIdOfTheRecordThatHoldsIt() throws Exception {
        ApiClient api = new ApiClient(port);
        String roster = Files.readString(Path.of("examples/roster/02-small-roster-as-json.request.json"));

        HttpResponse<String> response =
                api.post("/api/v1/vetting-assessments/roster", BOOTSTRAP_KEY, "application/json", roster);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String rosterId = json(response).get("rosterId").asString();
        assertThat(json(response).get("results")).hasSize(2);
        for (JsonNode result : json(response).get("results")) {
            assertThat(result.get("assessment").get("assessmentId").asString()).isEqualTo(rosterId);
        }
        HttpResponse<String> record = api.get("/api/v1/audit/decisions/" + rosterId, BOOTSTRAP_KEY);
        assertThat(record.statusCode()).isEqualTo(200);
        assertThat(json(record).get("summary").get("kind").asString()).isEqualTo("ROSTER");
    }
}
