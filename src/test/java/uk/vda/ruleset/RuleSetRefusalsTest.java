package uk.vda.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.vda.ApiClient.BOOTSTRAP_KEY;
import static uk.vda.ApiClient.json;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import uk.vda.ApiClient;

/**
 * What the rule-set API refuses, and how: rule code without rules:code is 403, a candidate or version that cannot
 * go live is 409; each a problem+json of its own type whose detail says what was wrong and what is allowed.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "advisor.rules.hot-reload=false")
class RuleSetRefusalsTest {
    private static final String PROBLEM_JSON = "application/problem+json";

    @LocalServerPort
    private int port;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    private HttpResponse<String> upload(String key, Map<String, String> files) throws Exception {
        ObjectNode body = ApiClient.JSON.createObjectNode();
        body.put("label", "refusals");
        ObjectNode fileNode = body.putObject("files");
        files.forEach(fileNode::put);
        return api.post("/api/v1/rule-sets/candidates", key, "application/json", body.toString());
    }

    private HttpResponse<String> publish(String candidate) throws Exception {
        return api.post(
                "/api/v1/rule-sets/candidates/" + candidate + "/publish",
                BOOTSTRAP_KEY,
                "application/json",
                "{\"reason\": \"try\"}");
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
    }

    @Test
    void shouldRefuseRuleCodeWithoutTheCodeScopeNamingTheFilesAndWhatRulesWriteMayChange() throws Exception {
        String officer = api.newKey(BOOTSTRAP_KEY, "policy-officer-" + System.nanoTime(), "rules:read", "rules:write");
        String decision = Files.readString(Path.of("rules/decision/decision.drl"));

        HttpResponse<String> response = upload(
                officer,
                Map.of(
                        "decision/decision.drl",
                        decision + "\n// a comment\n",
                        "vetting/minimum-vetting.drt",
                        "template header\n"));

        assertProblem(response, 403);
        JsonNode problem = json(response);
        assertThat(problem.propertyNames())
                .containsExactlyInAnyOrder("type", "title", "status", "detail", "instance", "codeFiles", "scope");
        assertThat(problem.get("type").asString()).isEqualTo("urn:vda:problem:rule-code-scope");
        assertThat(problem.get("title").asString()).isEqualTo("Rule code needs the scope rules:code");
        assertThat(problem.get("status").asInt()).isEqualTo(403);
        assertThat(problem.get("detail").asString())
                .isEqualTo("Changing rule code (decision/decision.drl, vetting/minimum-vetting.drt) needs the scope "
                        + "rules:code, held by administrators; rules:write may change tables (.csv), scenarios (.json) "
                        + "and notes (.md).");
        assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/rule-sets/candidates");
        assertThat(problem.get("codeFiles").valueStream().map(JsonNode::asString))
                .containsExactly("decision/decision.drl", "vetting/minimum-vetting.drt");
        assertThat(problem.get("scope").asString()).isEqualTo("rules:code");
    }

    @Test
    void shouldRefuseToPublishACandidateThatDoesNotCompileSayingWhyAndWhatCanBePublished() throws Exception {
        String broken = Files.readString(Path.of("rules/vetting/minimum-vetting.csv"))
                .replace("SECRET,REGULAR,ANY,SC,", "SECRET,REGULAR,ANY,SCC,");
        String id = json(upload(BOOTSTRAP_KEY, Map.of("vetting/minimum-vetting.csv", broken)))
                .get("id")
                .asString();

        HttpResponse<String> response = publish(id);

        assertProblem(response, 409);
        JsonNode problem = json(response);
        assertThat(problem.propertyNames())
                .containsExactlyInAnyOrder("type", "title", "status", "detail", "instance", "candidate");
        assertThat(problem.get("type").asString()).isEqualTo("urn:vda:problem:not-publishable");
        assertThat(problem.get("title").asString()).isEqualTo("Rule set cannot be made live");
        assertThat(problem.get("status").asInt()).isEqualTo(409);
        assertThat(problem.get("detail").asString())
                .isEqualTo("This candidate cannot be published: it was refused (see its problems: code the sandbox "
                        + "does not allow, a table cell of the wrong type, or a compile error). Only a candidate that "
                        + "compiles and passes every test can be published: fix it and upload it again.");
        assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/rule-sets/candidates/" + id + "/publish");
        assertThat(problem.get("candidate").asString()).isEqualTo(id);
    }

    @Test
    void shouldRefuseToPublishOrActivateARuleSetWhoseTestsFailCountingThem() throws Exception {
        JsonNode failing = json(upload(
                BOOTSTRAP_KEY, Map.of(ConfidentialNeedsSc.MATRIX, ConfidentialNeedsSc.matrix(Path.of("rules")))));
        String id = failing.get("id").asString();
        String version = failing.get("version").asString();

        HttpResponse<String> published = publish(id);

        assertProblem(published, 409);
        JsonNode problem = json(published);
        assertThat(problem.propertyNames())
                .containsExactlyInAnyOrder(
                        "type", "title", "status", "detail", "instance", "candidate", "version", "failed");
        assertThat(problem.get("type").asString()).isEqualTo("urn:vda:problem:not-publishable");
        assertThat(problem.get("title").asString()).isEqualTo("Rule set cannot be made live");
        assertThat(problem.get("detail").asString())
                .isEqualTo("This candidate cannot be published: 5 test(s) fail. Only a candidate that compiles and "
                        + "passes every test can be published: fix it and upload it again.");
        assertThat(problem.get("candidate").asString()).isEqualTo(id);
        assertThat(problem.get("version").asString()).isEqualTo(version);
        assertThat(problem.get("failed").asInt()).isEqualTo(5);

        HttpResponse<String> activated = api.post(
                "/api/v1/rule-sets/" + version + "/activate",
                BOOTSTRAP_KEY,
                "application/json",
                "{\"reason\": \"through the back door\"}");

        assertProblem(activated, 409);
        problem = json(activated);
        assertThat(problem.propertyNames())
                .containsExactlyInAnyOrder("type", "title", "status", "detail", "instance", "version", "failed");
        assertThat(problem.get("type").asString()).isEqualTo("urn:vda:problem:not-publishable");
        assertThat(problem.get("title").asString()).isEqualTo("Rule set cannot be made live");
        assertThat(problem.get("status").asInt()).isEqualTo(409);
        assertThat(problem.get("detail").asString())
                .isEqualTo("The version " + version
                        + " cannot be made live: 5 test(s) fail. Only a rule set that passes its tests can answer.");
        assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/rule-sets/" + version + "/activate");
        assertThat(problem.get("version").asString()).isEqualTo(version);
        assertThat(problem.get("failed").asInt()).isEqualTo(5);
    }
}
