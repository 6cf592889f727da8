package uk.vda.security;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.vda.ApiClient.BOOTSTRAP_KEY;
import static uk.vda.ApiClient.json;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import uk.vda.ApiClient;

/** Who may call what, and what the decision log keeps: the whole service, on a port, as a partner sees it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccessAndAuditTest {
    @LocalServerPort
    private int port;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    private String newKey(String client, String... scopes) throws Exception {
        return api.newKey(BOOTSTRAP_KEY, client, scopes);
    }

    @Test
    void shouldRefuseADecisionWithoutAKeyAsProblemJson() throws Exception {
        HttpResponse<String> response =
                api.post("/api/v1/decisions", null, "application/json", ApiClient.decisionRequest());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).get("title").asString()).isEqualTo("API key needed");
    }

    @Test
    void shouldRefuseAWrongKey() throws Exception {
        HttpResponse<String> response = api.post(
                "/api/v1/decisions", "vda_000000000000_not-a-key", "application/json", ApiClient.decisionRequest());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("title").asString()).isEqualTo("Invalid API key");
    }

    @Test
    void shouldRefuseAKeyWithoutTheScope() throws Exception {
        String assessOnly = newKey("hr-system", "assess");

        HttpResponse<String> response =
                api.post("/api/v1/decisions", assessOnly, "application/json", ApiClient.decisionRequest());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void shouldKeepCatalogueSwaggerAndHealthOpen() throws Exception {
        assertThat(api.get("/api/v1/catalogue", null).statusCode()).isEqualTo(200);
        assertThat(api.get("/v3/api-docs", null).statusCode()).isEqualTo(200);
        assertThat(api.get("/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/audit/decisions", null).statusCode()).isEqualTo(401);
    }

    @Test
    void shouldAnswerWithANewKeyAndStopAtOnceWhenItIsRevoked() throws Exception {
        HttpResponse<String> created = api.post(
                "/api/v1/admin/keys",
                BOOTSTRAP_KEY,
                "application/json",
                "{\"client\": \"anytown-case-system\", \"scopes\": [\"decide\"]}");
        JsonNode key = json(created);

        assertThat(api.post(
                                "/api/v1/decisions",
                                key.get("key").asString(),
                                "application/json",
                                ApiClient.decisionRequest())
                        .statusCode())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/admin/keys", BOOTSTRAP_KEY).body())
                .contains(key.get("id").asString())
                .doesNotContain(key.get("key").asString());

        assertThat(api.delete("/api/v1/admin/keys/" + key.get("id").asString(), BOOTSTRAP_KEY)
                        .statusCode())
                .isEqualTo(204);
        assertThat(api.post(
                                "/api/v1/decisions",
                                key.get("key").asString(),
                                "application/json",
                                ApiClient.decisionRequest())
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void shouldTellAKeyItsClientAndScopesAndServeThePagesWithoutOne() throws Exception {
        String auditor = newKey("inspectorate", "audit:read", "rules:read");

        HttpResponse<String> session = api.get("/api/v1/session", auditor);
        assertThat(session.statusCode()).isEqualTo(200);
        assertThat(json(session).get("client").asString()).isEqualTo("inspectorate");
        assertThat(json(session).get("scopes"))
                .extracting(s -> s.get("value").asString())
                .containsExactly("rules:read", "audit:read");
        assertThat(api.get("/api/v1/session", null).statusCode()).isEqualTo(401);
        HttpResponse<String> page = api.get("/ask", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script type=\"module\" src=\"/js/main.js\"></script>");
        assertThat(api.get("/js/ui.js", null).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldServeARuleFileAsPlainText() throws Exception {
        HttpResponse<String> file =
                api.send(api.request("/api/v1/rule-sets/active/files/vetting/minimum-vetting.csv", BOOTSTRAP_KEY)
                        .header("Accept", "text/plain")
                        .GET());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(file.body()).contains("marking,frequency,codeword,requires,explanation,source");
    }

    @Test
    void shouldRejectAnUnknownScope() throws Exception {
        HttpResponse<String> response = api.post(
                "/api/v1/admin/keys",
                BOOTSTRAP_KEY,
                "application/json",
                "{\"client\": \"x\", \"scopes\": [\"decide\", \"everything\"]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("errors").get(0).get("field").asString()).isEqualTo("scopes[1]");
        assertThat(json(response).get("errors").get(0).get("allowed"))
                .extracting(JsonNode::asString)
                .contains("decide", "audit:read");
    }

    @Test
    void shouldRecordEachAnswerToARepeatedQuestionExactlyAsItsClientGotIt() throws Exception {
        String partner = newKey("repeat-council", "decide");
        String auditor = newKey("repeat-audit", "audit:read");
        List<JsonNode> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) { // the second and third from the answer cache, with the JSON kept beside it
            answers.add(json(api.post("/api/v1/decisions", partner, "application/json", ApiClient.decisionRequest())));
        }
        // the same answer to another person's question, then the first question again
        String otherPerson = ApiClient.decisionRequest().replace("\"la-ce-anytown\"", "\"la-ce-otherton\"");
        answers.add(json(api.post("/api/v1/decisions", partner, "application/json", otherPerson)));
        answers.add(json(api.post("/api/v1/decisions", partner, "application/json", ApiClient.decisionRequest())));

        assertThat(answers).extracting(a -> a.get("decisionId").asString()).doesNotHaveDuplicates();
        List<JsonNode> asked = new java.util.ArrayList<>();
        for (JsonNode answer : answers) {
            JsonNode record = json(api.get(
                    "/api/v1/audit/decisions/" + answer.get("decisionId").asString(), auditor));
            assertThat(record.get("response")).isEqualTo(answer);
            assertThat(record.get("summary").get("id").asString())
                    .isEqualTo(answer.get("decisionId").asString());
            asked.add(record.get("request"));
        }
        // each question recorded as asked: the repeated one alike each time, the other person's under their own
        // pseudonym, whichever was recorded just before
        assertThat(asked.get(1)).isEqualTo(asked.get(0));
        assertThat(asked.get(2)).isEqualTo(asked.get(0));
        assertThat(asked.get(4)).isEqualTo(asked.get(0));
        String pseudonym = asked.get(0).get("person").get("id").asString();
        String otherPseudonym = asked.get(3).get("person").get("id").asString();
        assertThat(otherPseudonym).startsWith("p-").isNotEqualTo(pseudonym);
        assertThat(asked.get(3).toString().replace(otherPseudonym, pseudonym))
                .isEqualTo(asked.get(0).toString());
    }

    @Test
    void shouldLetAnAuditorFindADecisionByIdWithThePersonPseudonymised() throws Exception {
        String partner = newKey("anytown-council", "decide");
        String auditor = newKey("internal-audit", "audit:read");
        Instant before = Instant.now().minus(1, ChronoUnit.SECONDS);
        JsonNode answer = json(api.post("/api/v1/decisions", partner, "application/json", ApiClient.decisionRequest()));
        String id = answer.get("decisionId").asString();

        HttpResponse<String> found = api.get("/api/v1/audit/decisions/" + id, auditor);
        JsonNode record = json(found);

        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(record.get("summary").get("clientId").asString()).isEqualTo("anytown-council");
        assertThat(record.get("summary").get("outcome").asString()).isEqualTo("DENY");
        assertThat(record.get("summary").get("documentId").asString()).isEqualTo("ctlp-anytown-2026");
        assertThat(record.get("summary").get("ruleSetVersion").asString())
                .isEqualTo(answer.get("ruleSet").get("version").asString());
        assertThat(record.get("response").get("reasons").get(0).get("rule").asString())
                .isEqualTo("DenyWithoutNeedToKnow");
        String pseudonym = record.get("request").get("person").get("id").asString();
        assertThat(pseudonym).startsWith("p-").isNotEqualTo("la-ce-anytown");
        assertThat(found.body()).doesNotContain("la-ce-anytown");

        JsonNode byPerson = json(
                api.get("/api/v1/audit/decisions?person=la-ce-anytown&client=anytown-council&from=" + before, auditor));
        assertThat(byPerson.get("total").asLong()).isEqualTo(1);
        assertThat(byPerson.get("records").get(0).get("id").asString()).isEqualTo(id);
        assertThat(byPerson.get("records").get(0).get("personPseudonym").asString())
                .isEqualTo(pseudonym);

        HttpResponse<String> csv = api.send(api.request("/api/v1/audit/decisions?client=anytown-council", auditor)
                .header("Accept", "text/csv")
                .GET());
        assertThat(csv.body().lines().toList()).hasSize(2).last().asString().startsWith(id + ",");
    }

    @Test
    void shouldRefuseAnAuditorKeyForDecisionsAndAPartnerKeyForTheAudit() throws Exception {
        String auditor = newKey("auditor-2", "audit:read");
        String partner = newKey("partner-2", "decide");

        assertThat(api.post("/api/v1/decisions", auditor, "application/json", ApiClient.decisionRequest())
                        .statusCode())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/audit/decisions", partner).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/audit/decisions/no-such-id", auditor).statusCode())
                .isEqualTo(404);
    }

    @Test
    void shouldNameEveryWrongSearchParameterInOneRefusal() throws Exception {
        HttpResponse<String> response =
                api.get("/api/v1/audit/decisions?decision=MAYBE&kind=GUESS&size=0", BOOTSTRAP_KEY);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = json(response);
        assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactly("decision", "kind", "size");
        assertThat(problem.get("detail").asString())
                .startsWith("'MAYBE' is not one of [PERMIT, DENY")
                .endsWith(" (decision)");
        assertThat(ApiClient.json(api.get("/api/v1/audit/decisions?size=0", BOOTSTRAP_KEY))
                        .get("detail")
                        .asString())
                .isEqualTo("page must be 0 or more and size 1 to 500");
    }

    @Test
    void shouldShowTheActiveRuleSetAndItsStartupActivation() throws Exception {
        String reader = newKey("policy-team", "rules:read");

        JsonNode active = json(api.get("/api/v1/rule-sets/active", reader));
        JsonNode catalogue = json(api.get("/api/v1/catalogue", null));

        assertThat(active.get("version").asString())
                .isEqualTo(catalogue.get("ruleSetVersion").asString())
                .hasSize(12);
        assertThat(active.get("ruleCount").asInt())
                .isEqualTo(active.get("rules").size())
                .isGreaterThan(100);
        assertThat(active.get("files"))
                .extracting(JsonNode::asString)
                .contains("vetting/minimum-vetting.csv", "decision/decision.drl");
        assertThat(active.get("history").get(0).get("kind").asString()).isEqualTo("STARTUP");
        assertThat(active.get("tests").get("failed").asInt()).isZero();
        assertThat(active.get("tests").get("passed").asInt())
                .isEqualTo(active.get("tests").get("scenarios").size())
                .isGreaterThan(70);
        assertThat(active.get("history").get(0).get("toVersion").asString())
                .isEqualTo(active.get("version").asString());
        assertThat(api.post("/api/v1/rule-sets/candidates", reader, "application/json", "{}")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void shouldRefuseABodyOverTheLimitWith413() throws Exception {
        String huge = "{\"person\": {\"id\": \"" + "x".repeat(1_100_000) + "\"}}";

        HttpResponse<String> response = api.post("/api/v1/decisions", BOOTSTRAP_KEY, "application/json", huge);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
}
