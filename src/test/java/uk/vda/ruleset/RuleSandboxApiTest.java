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
 * The sandbox over the API, as an attacker with a policy officer's key would try it: rule code needs rules:code;
 * code the sandbox refuses is reported with file, line and name, is not kept as a version, cannot be published
 * or activated, and nothing of it runs; a table cell of the wrong type is refused for rules:write too.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "advisor.rules.hot-reload=false")
class RuleSandboxApiTest {
    private static final String MATRIX = "vetting/minimum-vetting.csv";

    @LocalServerPort
    private int port;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    private HttpResponse<String> upload(String key, Map<String, String> files) throws Exception {
        ObjectNode body = ApiClient.JSON.createObjectNode();
        body.put("label", "attack");
        ObjectNode fileNode = body.putObject("files");
        files.forEach(fileNode::put);
        return api.post("/api/v1/rule-sets/candidates", key, "application/json", body.toString());
    }

    private static String attackRule(Path marker) {
        return "package attacks;\nimport uk.vda.policy.*;\nrule \"Attack\"\nwhen\n    Evaluation()\nthen\n"
                + "    java/**/.nio/**/.file/**/.Files/**/.writeString(java.nio.file.Path.of(\"" + marker
                + "\"), \"x\");\nend\n";
    }

    @Test
    void shouldRefuseRuleCodeFromAKeyWithoutTheCodeScope() throws Exception {
        String officer = api.newKey(BOOTSTRAP_KEY, "policy-officer-" + System.nanoTime(), "rules:read", "rules:write");
        Path marker = Files.createTempDirectory("vda-api-attack").resolve("ran");

        HttpResponse<String> response = upload(officer, Map.of("attacks/attack.drl", attackRule(marker)));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json(response).get("detail").asString())
                .contains("attacks/attack.drl")
                .contains("rules:code");
        assertThat(marker).doesNotExist();
    }

    @Test
    void shouldReportRefusedCodeWithFileLineAndNameAndNeverKeepOrRunIt() throws Exception {
        Path marker = Files.createTempDirectory("vda-api-attack").resolve("ran");
        String versionsBefore =
                api.get("/api/v1/rule-sets/versions", BOOTSTRAP_KEY).body();

        JsonNode report = json(upload(BOOTSTRAP_KEY, Map.of("attacks/attack.drl", attackRule(marker))));

        assertThat(report.get("publishable").asBoolean()).isFalse();
        assertThat(report.get("version").isNull()).isTrue();
        assertThat(report.get("tests").isNull()).as("no scenario of it ran").isTrue();
        assertThat(report.get("impact").isNull()).as("no impact analysis ran").isTrue();
        assertThat(report.get("problems")).anySatisfy(p -> {
            assertThat(p.get("file").asString()).isEqualTo("attacks/attack.drl");
            assertThat(p.get("line").asInt()).isEqualTo(7);
            assertThat(p.get("message").asString()).contains("[refused: java]");
        });
        assertThat(api.get("/api/v1/rule-sets/versions", BOOTSTRAP_KEY).body())
                .as("not kept as a version")
                .isEqualTo(versionsBefore);
        assertThat(api.post(
                                "/api/v1/rule-sets/candidates/"
                                        + report.get("id").asString() + "/publish",
                                BOOTSTRAP_KEY,
                                "application/json",
                                "{\"reason\": \"try\"}")
                        .statusCode())
                .isEqualTo(409);
        assertThat(marker).as("nothing of it ran").doesNotExist();
    }

    @Test
    void shouldLetAPolicyOfficerChangeATableButNotSmuggleCodeThroughACell() throws Exception {
        String officer = api.newKey(BOOTSTRAP_KEY, "policy-officer-" + System.nanoTime(), "rules:read", "rules:write");
        String matrix = Files.readString(Path.of("rules", MATRIX));

        HttpResponse<String> honest = upload(
                officer,
                Map.of(
                        MATRIX,
                        matrix.replace(
                                "Occasional access to TOP SECRET material needs SC.",
                                "Occasional access to TOP SECRET material needs SC (checked).")));
        HttpResponse<String> smuggled = upload(
                officer,
                Map.of(
                        MATRIX,
                        matrix.replace(
                                "SECRET,REGULAR,ANY,SC,",
                                "SECRET,REGULAR,ANY,\"SC); System.exit(0); (VettingLevel.SC\",")));

        assertThat(honest.statusCode()).isEqualTo(201);
        assertThat(json(honest).get("problems")).isEmpty();
        assertThat(json(honest).get("publishable").asBoolean()).isTrue();
        assertThat(smuggled.statusCode()).isEqualTo(201);
        assertThat(json(smuggled).get("publishable").asBoolean()).isFalse();
        assertThat(json(smuggled).get("problems")).singleElement().satisfies(p -> {
            assertThat(p.get("file").asString()).isEqualTo(MATRIX);
            assertThat(p.get("column").asString()).isEqualTo("requires");
            assertThat(p.get("line").asInt()).isPositive();
            assertThat(p.get("message").asString())
                    .startsWith("'SC); System.exit(0); (VettingLevel.SC' is not one of NONE, BPSS");
        });
    }
}
