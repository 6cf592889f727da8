package uk.vda.authzen;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.vda.ApiClient.BOOTSTRAP_KEY;
import static uk.vda.ApiClient.JSON;
import static uk.vda.ApiClient.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import uk.vda.ApiClient;

/**
 * An AuthZEN client written from the Authorization API 1.0 text, not from this service's code: the whole service
 * on a port, every shipped scenario asked through {@code /access/v1/evaluation(s)} and through the native
 * {@code /api/v1/decisions}, and the two answers compared. The requests are built as the spec shapes them:
 * subject/resource/action/context, each with type and id, the advisor's fields as properties.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthZenInteropTest {
    private static final List<Scenario> SCENARIOS = scenarios();

    @LocalServerPort
    private int port;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    /** A scenario file with a disclosure question. */
    record Scenario(String file, ObjectNode request) {}

    private static List<Scenario> scenarios() {
        try (Stream<Path> files = Files.walk(Path.of("rules"))) {
            List<Scenario> found = new ArrayList<>();
            for (Path file : files.filter(f -> f.getParent() != null
                            && f.getParent().getFileName().toString().equals("scenarios")
                            && f.toString().endsWith(".json"))
                    .sorted()
                    .toList()) {
                JsonNode scenario = JSON.readTree(Files.readString(file));
                if (scenario.has("request")) {
                    ObjectNode request = (ObjectNode) scenario.get("request").deepCopy();
                    // AuthZEN requires an id for the subject and the resource; the native API does not.
                    ((ObjectNode) request.get("person"))
                            .putIfAbsent("id", JSON.getNodeFactory().textNode("person-" + file.getFileName()));
                    ((ObjectNode) request.get("document"))
                            .putIfAbsent("id", JSON.getNodeFactory().textNode("document-" + file.getFileName()));
                    found.add(new Scenario(file.toString(), request));
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The spec's Access Evaluation request for a native question. */
    private static ObjectNode authZen(ObjectNode question) {
        ObjectNode evaluation = JSON.createObjectNode();
        evaluation.set("subject", entity("type", "person", question.get("person")));
        evaluation.set("resource", entity("type", "document", question.get("document")));
        ObjectNode action = evaluation.putObject("action").put("name", "read");
        if (question.has("access")) {
            action.set("properties", question.get("access"));
        }
        if (question.has("asOf")) {
            evaluation.putObject("context").set("asOf", question.get("asOf"));
        }
        return evaluation;
    }

    private static ObjectNode entity(String typeKey, String type, JsonNode nativePart) {
        ObjectNode properties = (ObjectNode) nativePart.deepCopy();
        String id = properties.remove("id").asString();
        ObjectNode entity = JSON.createObjectNode().put(typeKey, type).put("id", id);
        entity.set("properties", properties);
        return entity;
    }

    private HttpResponse<String> post(String path, JsonNode body, String... headers) throws Exception {
        HttpRequest.Builder request = api.request(path, BOOTSTRAP_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return api.send(request);
    }

    private JsonNode nativeAnswer(ObjectNode question) throws Exception {
        HttpResponse<String> answer = post("/api/v1/decisions", question);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json(answer);
    }

    /** The native answer as it should appear in an AuthZEN context: without its PERMIT/DENY, id and null members. */
    private static ObjectNode comparable(JsonNode answer) {
        ObjectNode copy = (ObjectNode) answer.deepCopy();
        copy.remove(List.of("decision", "decisionId"));
        List<String> nulls = copy.properties().stream()
                .filter(p -> p.getValue().isNull())
                .map(p -> p.getKey())
                .toList();
        copy.remove(nulls);
        return copy;
    }

    private static List<String> rules(JsonNode reasons) {
        List<String> names = new ArrayList<>();
        reasons.forEach(r -> names.add(r.get("rule").asString()));
        return names;
    }

    @TestFactory
    Stream<DynamicTest> shouldGiveTheNativeDecisionForEveryScenario() {
        assertThat(SCENARIOS).hasSizeGreaterThanOrEqualTo(40);
        return SCENARIOS.stream()
                .map(scenario -> DynamicTest.dynamicTest(scenario.file(), () -> {
                    JsonNode expected = nativeAnswer(scenario.request());

                    HttpResponse<String> response = post("/access/v1/evaluation", authZen(scenario.request()));

                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    assertThat(response.headers().firstValue("Content-Type"))
                            .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
                    JsonNode decision = json(response);
                    assertThat(decision.get("decision").isBoolean()).isTrue();
                    assertThat(decision.get("decision").asBoolean())
                            .isEqualTo(expected.get("decision").asString().equals("PERMIT"));
                    assertThat(rules(decision.get("context").get("reasons"))).isEqualTo(rules(expected.get("reasons")));
                    assertThat(decision.get("context").get("requiredVetting"))
                            .isEqualTo(expected.get("requiredVetting"));
                    ObjectNode context = (ObjectNode) decision.get("context").deepCopy();
                    context.remove("decisionId");
                    assertThat(context).isEqualTo(comparable(expected));
                }));
    }

    @Test
    void shouldAnswerEveryScenarioInOneEvaluationsRequestInOrder() throws Exception {
        ObjectNode request = JSON.createObjectNode();
        ArrayNode evaluations = request.putArray("evaluations");
        List<Boolean> expected = new ArrayList<>();
        for (Scenario scenario : SCENARIOS) {
            evaluations.add(authZen(scenario.request()));
            expected.add(
                    nativeAnswer(scenario.request()).get("decision").asString().equals("PERMIT"));
        }

        HttpResponse<String> response = post("/access/v1/evaluations", request);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answers = json(response).get("evaluations");
        List<Boolean> decisions = new ArrayList<>();
        answers.forEach(a -> decisions.add(a.get("decision").asBoolean()));
        assertThat(decisions).isEqualTo(expected).contains(true, false);
        assertThat(json(response).has("decision")).isFalse();
    }

    /**
     * A chief executive (BPSS) asking for the full SECRET CTLP (no need to know), its RESTRICTED partner version
     * occasionally (permitted), and the partner version regularly (police material regularly from outside the
     * police needs force vetting as well).
     */
    private ObjectNode ctlpQuestions(String semantic) {
        ObjectNode request = (ObjectNode) JSON.readTree("""
                {"subject": {"type": "person", "id": "la-ce-anytown",
                             "properties": {"roles": ["LA_CHIEF_EXECUTIVE"], "organisation": "LOCAL_AUTHORITY",
                                            "nationalities": ["GB"], "vetting": [{"level": "BPSS", "status": "VERIFIED"}]}},
                 "action": {"name": "read", "properties": {"frequency": "OCCASIONAL"}},
                 "context": {"asOf": "2026-11-28", "time": "2026-11-28T10:00:00Z"},
                 "evaluations": [
                   {"resource": {"type": "document", "id": "ctlp-anytown-2026",
                                 "properties": {"marking": "SECRET", "category": "CTLP_FULL"}}},
                   {"resource": {"type": "document", "id": "ctlp-anytown-2026-partner",
                                 "properties": {"marking": "RESTRICTED", "category": "CTLP_PARTNER"}}},
                   {"resource": {"type": "document", "id": "ctlp-anytown-2026-partner",
                                 "properties": {"marking": "RESTRICTED", "category": "CTLP_PARTNER"}},
                    "action": {"name": "read", "properties": {"frequency": "REGULAR", "via": "POLICE_SYSTEMS"}}}
                 ]}
                """);
        if (semantic != null) {
            request.putObject("options").put("evaluations_semantic", semantic);
        }
        return request;
    }

    private static List<Boolean> decisions(HttpResponse<String> response) {
        List<Boolean> decisions = new ArrayList<>();
        json(response)
                .get("evaluations")
                .forEach(a -> decisions.add(a.get("decision").asBoolean()));
        return decisions;
    }

    @Test
    void shouldTakeTopLevelDefaultsThatEachEvaluationOverrides() throws Exception {
        HttpResponse<String> response = post("/access/v1/evaluations", ctlpQuestions(null));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(decisions(response)).containsExactly(false, true, false);
        JsonNode answers = json(response).get("evaluations");
        assertThat(rules(answers.get(0).get("context").get("reasons"))).contains("DenyWithoutNeedToKnow");
        assertThat(answers.get(1).get("context").get("access").get("frequency").asString())
                .isEqualTo("OCCASIONAL");
        assertThat(answers.get(2).get("context").get("access").get("frequency").asString())
                .isEqualTo("REGULAR");
        assertThat(rules(answers.get(2).get("context").get("reasons"))).contains("DenyWithoutForceVetting");
    }

    @Test
    void shouldStopAtTheFirstDenyWhenAskedTo() throws Exception {
        HttpResponse<String> response = post("/access/v1/evaluations", ctlpQuestions("deny_on_first_deny"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(decisions(response)).containsExactly(false);
    }

    @Test
    void shouldStopAtTheFirstPermitWhenAskedTo() throws Exception {
        HttpResponse<String> response = post("/access/v1/evaluations", ctlpQuestions("permit_on_first_permit"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(decisions(response)).containsExactly(false, true);
    }

    @Test
    void shouldExecuteAllWhenAskedTo() throws Exception {
        assertThat(decisions(post("/access/v1/evaluations", ctlpQuestions("execute_all"))))
                .containsExactly(false, true, false);
    }

    @Test
    void shouldAnswerAnEvaluationsRequestWithoutEvaluationsAsOneEvaluation() throws Exception {
        ObjectNode request = ctlpQuestions(null);
        request.set("resource", request.remove("evaluations").get(1).get("resource"));

        HttpResponse<String> response = post("/access/v1/evaluations", request);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("decision").asBoolean()).isTrue();
        assertThat(json(response).has("evaluations")).isFalse();
    }

    @Test
    void shouldRefuseAnUnknownEvaluationsSemantic() throws Exception {
        HttpResponse<String> response = post("/access/v1/evaluations", ctlpQuestions("first_match"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("errors").get(0).get("field").asString())
                .isEqualTo("options.evaluations_semantic");
        assertThat(json(response).get("errors").get(0).get("allowed").toString())
                .isEqualTo("[\"execute_all\",\"deny_on_first_deny\",\"permit_on_first_permit\"]");
    }

    @Test
    void shouldEchoTheRequestIdOnAnswersAndRefusals() throws Exception {
        ObjectNode question = authZen(SCENARIOS.get(0).request());
        HttpResponse<String> answered =
                post("/access/v1/evaluation", question, "X-Request-ID", "bfe9eb29-ab87-4ca3-be83-a1d5d8305716");
        HttpResponse<String> refused = api.send(api.request("/access/v1/evaluation", null)
                .header("Content-Type", "application/json")
                .header("X-Request-ID", "req-401")
                .POST(HttpRequest.BodyPublishers.ofString(question.toString())));
        HttpResponse<String> invalid =
                post("/access/v1/evaluation", JSON.createObjectNode(), "X-Request-ID", "req-400");

        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(answered.headers().firstValue("X-Request-ID")).hasValue("bfe9eb29-ab87-4ca3-be83-a1d5d8305716");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("X-Request-ID")).hasValue("req-401");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.headers().firstValue("X-Request-ID")).hasValue("req-400");
    }

    @Test
    void shouldRefuseWithoutAKeyAndWithoutTheDecideScope() throws Exception {
        String assessOnly = api.newKey(BOOTSTRAP_KEY, "authzen-hr-system", "assess");
        String body = authZen(SCENARIOS.get(0).request()).toString();

        HttpResponse<String> noKey = api.post("/access/v1/evaluation", null, "application/json", body);
        HttpResponse<String> noScope = api.post("/access/v1/evaluations", assessOnly, "application/json", body);

        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(noKey.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(noScope.statusCode()).isEqualTo(403);
    }

    @Test
    void shouldPublishItsEndpointsInTheDiscoveryDocumentWithoutAKey() throws Exception {
        HttpResponse<String> response = api.get("/.well-known/authzen-configuration", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode metadata = json(response);
        String base = "http://localhost:" + port;
        assertThat(metadata.get("policy_decision_point").asString()).isEqualTo(base);
        assertThat(metadata.get("access_evaluation_endpoint").asString()).isEqualTo(base + "/access/v1/evaluation");
        assertThat(metadata.get("access_evaluations_endpoint").asString()).isEqualTo(base + "/access/v1/evaluations");
        assertThat(metadata.has("search_subject_endpoint")).isFalse();
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("max-age=3600, public");
    }

    @Test
    void shouldDescribeTheAuthZenEndpointsInTheOpenApiSpec() throws Exception {
        HttpResponse<String> spec = api.get("/v3/api-docs", null);

        assertThat(spec.statusCode()).isEqualTo(200);
        assertThat(json(spec).get("paths").has("/access/v1/evaluation")).isTrue();
        assertThat(json(spec).get("paths").has("/access/v1/evaluations")).isTrue();
    }

    @Test
    void shouldRecordEachEvaluationInTheDecisionLogAsTheNativeApiDoes() throws Exception {
        HttpResponse<String> response =
                post("/access/v1/evaluation", authZen(SCENARIOS.get(0).request()));
        String decisionId = json(response).get("context").get("decisionId").asString();

        HttpResponse<String> record = api.get("/api/v1/audit/decisions/" + decisionId, BOOTSTRAP_KEY);

        assertThat(record.statusCode()).as(record.body()).isEqualTo(200);
        JsonNode summary = json(record).get("summary");
        assertThat(summary.get("endpoint").asString()).isEqualTo("/access/v1/evaluation");
        assertThat(summary.get("kind").asString()).isEqualTo("DECISION");
        assertThat(summary.get("outcome").asString())
                .isEqualTo(json(response).get("decision").asBoolean() ? "PERMIT" : "DENY");
        String personId = SCENARIOS.get(0).request().get("person").get("id").asString();
        assertThat(json(record).get("request").toString()).doesNotContain(personId);
    }

    @Test
    void shouldIgnoreMembersTheSpecDoesNotDefineButNotUnknownProperties() throws Exception {
        ObjectNode question = authZen(SCENARIOS.get(0).request());
        question.put("request_note", "ignored");
        ((ObjectNode) question.get("subject")).put("display", "ignored");
        ((ObjectNode) question.get("context")).put("time", "1985-10-26T01:22-07:00");
        assertThat(post("/access/v1/evaluation", question).statusCode()).isEqualTo(200);

        ((ObjectNode) question.get("resource").get("properties")).put("cavaets", "UK_EYES_ONLY");
        HttpResponse<String> response = post("/access/v1/evaluation", question);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("errors").get(0).get("field").asString())
                .isEqualTo("resource.properties.cavaets");
    }

    @Test
    void shouldNameTheAuthZenFieldOfAValueTheRulesDoNotKnow() throws Exception {
        ObjectNode question = authZen(SCENARIOS.get(0).request());
        ((ObjectNode) question.get("subject").get("properties"))
                .putArray("roles")
                .add("MAYOR");

        HttpResponse<String> single = post("/access/v1/evaluation", question);
        ObjectNode batch = JSON.createObjectNode();
        batch.putArray("evaluations").add(authZen(SCENARIOS.get(0).request())).add(question);
        HttpResponse<String> many = post("/access/v1/evaluations", batch);

        assertThat(single.statusCode()).isEqualTo(400);
        assertThat(single.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(single).get("errors").get(0).get("field").asString()).isEqualTo("subject.properties.roles[0]");
        assertThat(many.statusCode()).isEqualTo(200);
        JsonNode second = json(many).get("evaluations").get(1);
        assertThat(second.get("decision").asBoolean()).isFalse();
        assertThat(second.get("context").get("error").get("status").asInt()).isEqualTo(400);
        assertThat(second.get("context")
                        .get("error")
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("evaluations[1].subject.properties.roles[0]");
    }
}
