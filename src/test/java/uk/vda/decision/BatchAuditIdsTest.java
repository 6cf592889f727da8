package uk.vda.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.vda.ApiClient.BOOTSTRAP_KEY;
import static uk.vda.ApiClient.json;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import uk.vda.ApiClient;

/** Every decisionId the service hands out can be looked up in the decision log, a batch's answers included. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BatchAuditIdsTest {
    @LocalServerPort
    private int port;

    @Test
    void shouldGiveEveryAnswerOfABatchTheIdOfTheRecordThatHoldsIt() throws Exception {
        ApiClient api = new ApiClient(port);
        String single = ApiClient.decisionRequest();
        // asked alone first, so that the batch's answer to the same question comes from the cache
        String singleId = json(api.post("/api/v1/decisions", BOOTSTRAP_KEY, "application/json", single)).get("decisionId").asString();
        ObjectNode question = (ObjectNode) ApiClient.JSON.readTree(single);
        ObjectNode batch = ApiClient.JSON.createObjectNode();
        batch.putArray("pairs").add(question.deepCopy()).add(question.deepCopy());

        HttpResponse<String> response = api.post("/api/v1/decisions/batch?explain=full", BOOTSTRAP_KEY, "application/json",
                batch.toString());

        assertThat(response.statusCode()).isEqualTo(200);
        String batchId = json(response).get("batchId").asString();
        for (JsonNode result : json(response).get("results")) {
            String id = result.get("answer").get("decisionId").asString();
            assertThat(id).isEqualTo(batchId).isNotEqualTo(singleId);
            HttpResponse<String> record = api.get("/api/v1/audit/decisions/" + id, BOOTSTRAP_KEY);
            assertThat(record.statusCode()).isEqualTo(200);
            assertThat(json(record).get("summary").get("kind").asString()).isEqualTo("BATCH");
            assertThat(json(record).get("response").get("outcomes").get(result.get("index").asInt()).asString())
                    .isEqualTo(result.get("decision").asString() + ":" + result.get("requiredVetting").asString());
        }
        assertThat(api.get("/api/v1/audit/decisions/" + singleId, BOOTSTRAP_KEY).statusCode()).isEqualTo(200);
    }
}
