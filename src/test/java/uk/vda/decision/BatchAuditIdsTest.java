package uk.vda.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.vda.ApiClient.BOOTSTRAP_KEY;
import static uk.vda.ApiClient.json;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import uk.vda.ApiClient;

/** Every decisionId the service hands out can be looked up in the decision log, a batch's answers included. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BatchAuditIdsTest {
    @LocalServerPort
    private int port;

    @Test
    void shouldGiveEveryAnswerOfABatchTheIdOfTheChunkRecordThatHoldsIt() throws Exception {
        ApiClient api = new ApiClient(port);
        String single = ApiClient.decisionRequest();
        // asked alone first, so that the batch's answer to the same question comes from the cache
        String singleId = json(api.post("/api/v1/decisions", BOOTSTRAP_KEY, "application/json", single))
                .get("decisionId")
                .asString();
        ObjectNode question = (ObjectNode) ApiClient.JSON.readTree(single);
        ObjectNode batch = ApiClient.JSON.createObjectNode();
        ArrayNode pairs = batch.putArray("pairs");
        // more pairs than the first chunk holds (ChunkedWork.FIRST_CHUNK), so the batch has several records
        for (int i = 0; i < 150; i++) {
            pairs.add(question.deepCopy());
        }

        HttpResponse<String> response =
                api.post("/api/v1/decisions/batch?explain=full", BOOTSTRAP_KEY, "application/json", batch.toString());

        assertThat(response.statusCode()).isEqualTo(200);
        String batchId = json(response).get("batchId").asString();
        assertThat(json(response).get("count").asInt()).isEqualTo(150);
        assertThat(json(response).get("results")).hasSize(150);
        Map<String, JsonNode> records = new HashMap<>();
        int index = 0;
        for (JsonNode result : json(response).get("results")) {
            assertThat(result.get("index").asInt()).isEqualTo(index++);
            String id = result.get("answer").get("decisionId").asString();
            assertThat(id).isNotEqualTo(singleId);
            JsonNode record = records.computeIfAbsent(id, this::record);
            assertThat(record.get("summary").get("kind").asString()).isEqualTo("BATCH");
            assertThat(record.get("response").get("batchId").asString()).isEqualTo(batchId);
            int first = record.get("response").get("first").asInt();
            assertThat(record.get("response")
                            .get("outcomes")
                            .get(result.get("index").asInt() - first)
                            .asString())
                    .isEqualTo(result.get("decision").asString() + ":"
                            + result.get("requiredVetting").asString());
        }
        assertThat(records).as("one record per chunk").hasSizeGreaterThan(1).containsKey(batchId);
        assertThat(records.get(batchId).get("response").get("first").asInt()).isZero();
        assertThat(records.get(batchId).get("request").get("pairs"))
                .as("the first record holds the whole request")
                .hasSize(150);
        assertThat(records.values().stream()
                        .mapToInt(r -> r.get("response").get("count").asInt())
                        .sum())
                .isEqualTo(150);
        assertThat(api.get("/api/v1/audit/decisions/" + singleId, BOOTSTRAP_KEY).statusCode())
                .isEqualTo(200);
    }

    private JsonNode record(String id) {
        try {
            HttpResponse<String> record = new ApiClient(port).get("/api/v1/audit/decisions/" + id, BOOTSTRAP_KEY);
            assertThat(record.statusCode()).isEqualTo(200);
            return json(record);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
