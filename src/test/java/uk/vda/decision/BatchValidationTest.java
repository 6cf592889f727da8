package uk.vda.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static uk.vda.ApiClient.BOOTSTRAP_KEY;
import static uk.vda.ApiClient.json;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import uk.vda.ApiClient;

/**
 * A bad batch is one 400 listing every problem of every pair, each named where it is, as a single question's
 * problems would be; at most 100 listed with a count of the rest; and nothing of it is worked out or recorded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BatchValidationTest {
    private static final String BATCH = "/api/v1/decisions/batch";
    private static final List<String> GPMS = List.of(
            "NOT_PROTECTIVELY_MARKED", "UNCLASSIFIED", "PROTECT", "RESTRICTED", "CONFIDENTIAL", "SECRET", "TOP_SECRET");

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private BatchService batches;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    private static ObjectNode person(String role, String nationality) {
        ObjectNode person = ApiClient.JSON.createObjectNode();
        person.put("id", "p-" + role);
        person.putArray("roles").add(role);
        person.put("organisation", "LOCAL_AUTHORITY");
        person.putArray("nationalities").add(nationality);
        person.putArray("vetting").addObject().put("level", "BPSS").put("status", "VERIFIED");
        return person;
    }

    private static ObjectNode document(String marking) {
        ObjectNode document = ApiClient.JSON.createObjectNode();
        document.put("id", "d-" + marking);
        document.put("marking", marking);
        document.put("category", "THREAT_BRIEFING");
        return document;
    }

    private long batchRecords() {
        return jdbc.queryForObject("select count(*) from audit_record where kind = 'BATCH'", Long.class);
    }

    /** Refused with 400 problem+json, nothing answered and nothing recorded; the problem. */
    private JsonNode refused(String body) throws Exception {
        long records = batchRecords();
        long answered = batches.answered();

        HttpResponse<String> response = api.post(BATCH, BOOTSTRAP_KEY, "application/json", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(batches.answered()).as("no pair worked out").isEqualTo(answered);
        assertThat(batchRecords()).as("nothing recorded as an answer").isEqualTo(records);
        JsonNode problem = json(response);
        assertThat(problem.get("type").asString()).isEqualTo("urn:vda:problem:invalid-request");
        assertThat(problem.get("title").asString()).isEqualTo("Invalid request");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        return problem;
    }

    @Test
    void shouldListEveryProblemOfEveryBadPairInOrderAndAnswerNone() throws Exception {
        ObjectNode batch = ApiClient.JSON.createObjectNode();
        ArrayNode pairs = batch.putArray("pairs");
        pairs.addObject().setAll(pair(person("LA_CHIEF_EXECUTIVE", "GB"), document("OFFICIAL")));
        pairs.addObject().setAll(pair(person("MAYOR", "XX"), document("OFFICIAL")));
        pairs.addObject().set("person", person("LA_CHIEF_EXECUTIVE", "GB"));
        ObjectNode overVetted = person("LA_CHIEF_EXECUTIVE", "GB");
        for (int i = 0; i < 20; i++) {
            ((ArrayNode) overVetted.get("vetting"))
                    .add(overVetted.get("vetting").get(0).deepCopy());
        }
        ObjectNode unknownCategory = document("OFFICIAL").put("category", "GOSSIP");
        pairs.addObject().setAll(pair(overVetted, unknownCategory));
        pairs.addObject()
                .setAll(pair(
                        person("LA_CHIEF_EXECUTIVE", "GB"), document("OFFICIAL").put("scheme", "GPMS")));

        JsonNode problem = refused(batch.toString());

        assertThat(problem.get("detail").asString())
                .isEqualTo("5 problem(s) in the batch; the first: 'MAYOR' is not a known role "
                        + "(pairs[1].person.roles[0])");
        assertThat(problem.has("errorsNotListed")).isFalse();
        assertThat(problem.get("errors").valueStream().toList())
                .extracting(
                        e -> e.get("field").asString(),
                        e -> e.get("message").asString(),
                        e -> e.path("rejected").asString(null))
                .containsExactly(
                        tuple("pairs[1].person.roles[0]", "'MAYOR' is not a known role", "MAYOR"),
                        tuple(
                                "pairs[1].person.nationalities[0]",
                                "'XX' is not an ISO 3166 alpha-2 country code (use GB for British nationals)",
                                "XX"),
                        tuple("pairs[2]", "each pair needs person and document", null),
                        // its constraints are broken, so its vocabulary (the unknown category) is not read, as for
                        // a single question
                        tuple(
                                "pairs[3].person.vetting",
                                "pairs[3].person.vetting must have at most 20 items",
                                "21 items"),
                        tuple("pairs[4].document.marking", "OFFICIAL is not a GPMS marking", "OFFICIAL"));
        assertThat(problem.get("errors").get(0).get("allowed").valueStream().map(JsonNode::asString))
                .contains("LA_CHIEF_EXECUTIVE")
                .doesNotContain("MAYOR");
        assertThat(problem.get("errors").get(4).get("allowed").valueStream().map(JsonNode::asString))
                .containsExactlyElementsOf(GPMS);
    }

    @Test
    void shouldCheckEachPersonAndEachDocumentOfAMatrixOnceNamingThemByTheirPlace() throws Exception {
        ObjectNode batch = ApiClient.JSON.createObjectNode();
        ArrayNode people = batch.putArray("people");
        people.add(person("LA_CHIEF_EXECUTIVE", "GB"));
        people.addNull();
        people.add(person("MAYOR", "GB"));
        ArrayNode documents = batch.putArray("documents");
        ObjectNode caveated = document("SECRET");
        caveated.putArray("caveats").add("MARS_EYES_ONLY");
        documents.add(caveated);
        documents.add(document("OFFICIAL").put("category", "GOSSIP"));
        batch.putObject("access").put("frequency", "REGULAR");

        JsonNode problem = refused(batch.toString());

        assertThat(problem.get("detail").asString())
                .isEqualTo("4 problem(s) in the batch; the first: must not be null (people[1])");
        assertThat(problem.get("errors").valueStream().toList())
                .extracting(
                        e -> e.get("field").asString(),
                        e -> e.get("message").asString(),
                        e -> e.path("rejected").asString(null))
                .containsExactly(
                        tuple("people[1]", "must not be null", null),
                        tuple("people[2].roles[0]", "'MAYOR' is not a known role", "MAYOR"),
                        tuple(
                                "documents[0].caveats[0]",
                                "'MARS_EYES_ONLY' is not a known national caveat",
                                "MARS_EYES_ONLY"),
                        tuple("documents[1].category", "'GOSSIP' is not a known category", "GOSSIP"));
    }

    @Test
    void shouldListAHundredProblemsAndCountTheRest() throws Exception {
        ObjectNode batch = ApiClient.JSON.createObjectNode();
        ArrayNode pairs = batch.putArray("pairs");
        for (int i = 0; i < 150; i++) {
            pairs.addObject().setAll(pair(person("MAYOR_" + i, "GB"), document("OFFICIAL")));
        }

        JsonNode problem = refused(batch.toString());

        assertThat(problem.get("detail").asString())
                .isEqualTo("150 problem(s) in the batch; the first: 'MAYOR_0' is not a known role "
                        + "(pairs[0].person.roles[0])");
        assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString()))
                .hasSize(100)
                .startsWith("pairs[0].person.roles[0]", "pairs[1].person.roles[0]")
                .endsWith("pairs[99].person.roles[0]");
        assertThat(problem.get("errorsNotListed").asInt()).isEqualTo(50);
    }

    private static ObjectNode pair(ObjectNode person, ObjectNode document) {
        ObjectNode pair = ApiClient.JSON.createObjectNode();
        pair.set("person", person);
        pair.set("document", document);
        return pair;
    }
}
