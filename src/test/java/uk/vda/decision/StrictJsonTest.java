package uk.vda.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.vda.ApiClient.BOOTSTRAP_KEY;
import static uk.vda.ApiClient.json;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import uk.vda.ApiClient;

/**
 * Strict JSON: what the caller meant is never guessed. Each case is a 400 problem+json naming the field, never a
 * DENY "EvaluationError", a 503 or an answer to a question that was not asked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StrictJsonTest {
    @LocalServerPort
    private int port;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    private static ObjectNode decision() throws Exception {
        return (ObjectNode) ApiClient.JSON.readTree(ApiClient.decisionRequest());
    }

    private static ObjectNode person(ObjectNode request) {
        return (ObjectNode) request.get("person");
    }

    private JsonNode refused(String path, String body, String field) throws Exception {
        HttpResponse<String> response = api.post(path, BOOTSTRAP_KEY, "application/json", body);
        assertThat(response.statusCode()).as(body.length() > 300 ? field : body).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode error = json(response).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo(field);
        assertThat(response.body()).doesNotContain("Exception", "EvaluationError", ".drl", "tools.jackson");
        return error;
    }

    @Test
    void shouldRefuseAKeyGivenTwiceNamingIt() throws Exception {
        String body = ApiClient.decisionRequest()
                .replace("\"id\": \"la-ce-anytown\",", "\"id\": \"la-ce-anytown\", \"id\": \"someone-else\",");

        JsonNode error = refused("/api/v1/decisions", body, "person.id");

        assertThat(error.get("message").asString()).contains("more than once");
    }

    @Test
    void shouldRefuseANumberWhereAStringBelongs() throws Exception {
        ObjectNode request = decision();
        person(request).put("id", 42);

        refused("/api/v1/decisions", request.toString(), "person.id");
        ((ArrayNode) person(request).put("id", "x").get("roles"))
                .set(0, ApiClient.JSON.getNodeFactory().numberNode(7));
        refused("/api/v1/decisions", request.toString(), "person.roles[0]");
    }

    @Test
    void shouldRefuseAStringWhereABooleanBelongsAndANumberWhereADateBelongs() throws Exception {
        ObjectNode codeword = decision();
        ((ObjectNode) codeword.get("document")).put("codeword", "false");
        refused("/api/v1/decisions", codeword.toString(), "document.codeword");

        ObjectNode asOf = decision();
        asOf.put("asOf", 20261128);
        refused("/api/v1/decisions", asOf.toString(), "asOf");

        ObjectNode organisation = decision();
        person(organisation).put("organisation", 0);
        refused("/api/v1/decisions", organisation.toString(), "person.organisation");
    }

    @Test
    void shouldRefuseDatesOutside1900To2200NamingTheField() throws Exception {
        ObjectNode request = decision();
        ObjectNode line = (ObjectNode) person(request).get("vetting").get(0);
        line.put("status", "LAPSED").put("lapsedOn", "+999999999-12-31");

        JsonNode error = refused("/api/v1/decisions", request.toString(), "person.vetting[0].lapsedOn");

        assertThat(error.get("message").asString()).contains("1900-01-01").contains("2200-12-31");
        assertThat(error.get("rejected").asString()).isEqualTo("+999999999-12-31");
        line.put("lapsedOn", "1899-12-31");
        refused("/api/v1/decisions", request.toString(), "person.vetting[0].lapsedOn");
        line.put("lapsedOn", "2026-02-30");
        refused("/api/v1/decisions", request.toString(), "person.vetting[0].lapsedOn");
        line.put("lapsedOn", "2026-05-31");
        assertThat(api.post("/api/v1/decisions", BOOTSTRAP_KEY, "application/json", request.toString())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void shouldRefuseAPersonWithThousandsOfVettingLinesInASingleQuestionAndInABatch() throws Exception {
        ObjectNode request = decision();
        ArrayNode vetting = (ArrayNode) person(request).get("vetting");
        JsonNode line = vetting.get(0);
        for (int i = 1; i < 3200; i++) {
            vetting.add(line.deepCopy());
        }

        JsonNode error = refused("/api/v1/decisions", request.toString(), "person.vetting");
        assertThat(error.get("message").asString()).contains("at most 20");

        ObjectNode batch = ApiClient.JSON.createObjectNode();
        batch.putArray("pairs").addObject().setAll(request);
        refused("/api/v1/decisions/batch", batch.toString(), "pairs[0].person.vetting");
        ObjectNode matrix = ApiClient.JSON.createObjectNode();
        matrix.putArray("people").add(request.get("person"));
        matrix.putArray("documents").add(request.get("document"));
        refused("/api/v1/decisions/batch", matrix.toString(), "people[0].vetting");
    }

    @Test
    void shouldRefuseBadDatesAndOverlongListsInAssessmentsAndRosters() throws Exception {
        String assessment = Files.readString(
                Path.of("examples/vetting-assessments/01-is-sc-needed-for-a-chief-executive.request.json"));
        ObjectNode request = (ObjectNode) ApiClient.JSON.readTree(assessment);
        request.put("asOf", "0001-01-01");
        refused("/api/v1/vetting-assessments", request.toString(), "asOf");

        request.put("asOf", "2026-11-28");
        ArrayNode held = (ArrayNode) request.get("held");
        for (int i = 0; i < 30; i++) {
            held.add(held.get(0).deepCopy());
        }
        refused("/api/v1/vetting-assessments", request.toString(), "held");
        ObjectNode entry = request.deepCopy().put("personId", "p-1");
        ArrayNode roster = ApiClient.JSON.createArrayNode().add(entry);
        refused("/api/v1/vetting-assessments/roster", roster.toString(), "[0].held");

        HttpResponse<String> csv = api.post(
                "/api/v1/vetting-assessments/roster",
                BOOTSTRAP_KEY,
                "text/csv",
                "personId,roles,organisation,asOf\np-1,LA_CHIEF_EXECUTIVE,LOCAL_AUTHORITY,2201-01-01\n");
        assertThat(csv.statusCode()).isEqualTo(400);
        assertThat(json(csv).get("errors").get(0).get("field").asString()).isEqualTo("asOf");
        assertThat(json(csv).get("errors").get(0).get("row").asInt()).isEqualTo(2);
    }
}
