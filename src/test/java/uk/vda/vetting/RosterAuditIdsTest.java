package uk.vda.vetting;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.vda.ApiClient.BOOTSTRAP_KEY;
import static uk.vda.ApiClient.json;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import uk.vda.ApiClient;
import uk.vda.system.ChunkedWork;

/**
 * A roster is answered in chunks, each recorded before it is sent: every assessmentId it hands out is the id of the
 * ROSTER record that holds that person's outcome, and the answer is the one the whole roster always got.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RosterAuditIdsTest {
    @LocalServerPort
    private int port;

    @Autowired
    private RosterService rosters;

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
        assertThat(json(record).get("summary").get("outcome").asString()).isEqualTo("2 people");
        assertThat(json(record).get("response").get("outcomes"))
                .extracting(JsonNode::asString)
                .containsExactly("UNNECESSARY:BPSS:NONE", "NECESSARY:SC:NONE");
    }

    @Test
    void shouldRecordALargeRosterInChunksEachHoldingItsPeoplesOutcomes() throws Exception {
        ApiClient api = new ApiClient(port);
        // more people than the first chunk holds, so the roster has several records
        String roster = people(150).toString();

        HttpResponse<String> response =
                api.post("/api/v1/vetting-assessments/roster", BOOTSTRAP_KEY, "application/json", roster);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = json(response);
        String rosterId = answer.get("rosterId").asString();
        assertThat(answer.get("results")).hasSize(150);
        Map<String, JsonNode> records = new HashMap<>();
        int index = 0;
        for (JsonNode result : answer.get("results")) {
            assertThat(result.get("personId").asString()).isEqualTo("p" + index);
            JsonNode assessment = result.get("assessment");
            JsonNode record =
                    records.computeIfAbsent(assessment.get("assessmentId").asString(), this::record);
            assertThat(record.get("summary").get("kind").asString()).isEqualTo("ROSTER");
            assertThat(record.get("response").get("rosterId").asString()).isEqualTo(rosterId);
            int first = record.get("response").get("first").asInt();
            assertThat(record.get("response").get("outcomes").get(index - first).asString())
                    .isEqualTo(assessment.get("verdict").asString() + ":"
                            + assessment.get("requiredVetting").asString() + ":"
                            + assessment.get("requiredPoliceVetting").asString());
            index++;
        }
        assertThat(records).as("one record per chunk").hasSizeGreaterThan(1).containsKey(rosterId);
        JsonNode firstRecord = records.get(rosterId);
        assertThat(firstRecord.get("response").get("first").asInt()).isZero();
        assertThat(firstRecord.get("response").get("count").asInt()).isEqualTo(ChunkedWork.FIRST_CHUNK);
        assertThat(firstRecord.get("summary").get("outcome").asString()).isEqualTo("people 1-64 of 150");
        assertThat(firstRecord.get("request"))
                .as("the first record holds the whole roster")
                .hasSize(150);
        assertThat(records.values().stream()
                        .mapToInt(r -> r.get("response").get("count").asInt())
                        .sum())
                .isEqualTo(150);
        assertThat(answer.get("summary").get("people").asInt()).isEqualTo(150);
        assertThat(answer.get("summary").get("byVerdict").get("UNNECESSARY").asInt())
                .isEqualTo(75);
    }

    @Test
    void shouldStreamExactlyTheAnswerTheWholeRosterGetsInOneGo() throws Exception {
        ApiClient api = new ApiClient(port);
        byte[] csv = Files.readAllBytes(Path.of("examples/roster/01-prevent-partnership.request.csv"));

        HttpResponse<String> response = api.send(api.request("/api/v1/vetting-assessments/roster", BOOTSTRAP_KEY)
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(csv)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        ObjectNode streamed = (ObjectNode) json(response);
        ObjectNode whole = ApiClient.JSON.valueToTree(rosters.assess(rosters.readCsv(csv)));
        assertThat(List.copyOf(streamed.propertyNames()))
                .as("the fields in the order they always came")
                .containsExactly("rosterId", "results", "summary", "ruleSet");
        assertThat(withoutIds(streamed)).isEqualTo(withoutIds(whole));
    }

    @Test
    void shouldStreamTheCsvTableInTheRostersOrder() throws Exception {
        ApiClient api = new ApiClient(port);
        ArrayNode people = people(150);

        HttpResponse<String> response = api.send(api.request("/api/v1/vetting-assessments/roster", BOOTSTRAP_KEY)
                .header("Content-Type", "application/json")
                .header("Accept", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(people.toString())));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
        StringBuilder expected = new StringBuilder(RosterService.CSV_HEADER);
        RosterResponse whole =
                rosters.assess(ApiClient.JSON.readValue(people.toString(), new TypeReference<List<RosterEntry>>() {}));
        for (RosterResponse.Result result : whole.results()) {
            expected.append(RosterService.csvLine(result.personId(), result.assessment()));
        }
        assertThat(response.body()).isEqualTo(expected.toString());
        assertThat(response.body().getBytes(StandardCharsets.UTF_8)).hasSizeGreaterThan(150 * 100);
    }

    /** The two people of examples/roster/02 taken in turn, each with an id of its own. */
    private static ArrayNode people(int count) throws Exception {
        JsonNode example = ApiClient.JSON.readTree(
                Files.readString(Path.of("examples/roster/02-small-roster-as-json.request.json")));
        ArrayNode people = ApiClient.JSON.createArrayNode();
        for (int i = 0; i < count; i++) {
            ObjectNode person = (ObjectNode) example.get(i % 2).deepCopy();
            person.put("personId", "p" + i);
            people.add(person);
        }
        return people;
    }

    /** The answer without what differs every time: the ids. */
    private static JsonNode withoutIds(ObjectNode roster) {
        ObjectNode copy = roster.deepCopy();
        copy.remove("rosterId");
        for (JsonNode result : copy.get("results")) {
            ((ObjectNode) result.get("assessment")).remove("assessmentId");
        }
        return copy;
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
