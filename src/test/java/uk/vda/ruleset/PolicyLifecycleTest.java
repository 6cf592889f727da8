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
 * A policy officer's change, end to end over the API: CONFIDENTIAL regular access now needs SC. The candidate
 * fails its scenarios and cannot be published; its impact names the flipped answers; with the scenarios fixed it
 * publishes, new answers carry the new version, and a rollback brings the old answers back. No restart.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "advisor.rules.hot-reload=false")
class PolicyLifecycleTest {
    private static final String MATRIX = ConfidentialNeedsSc.MATRIX;
    private static final String QUESTION = """
            {"person": {"id": "bcu-9", "roles": ["BCU_COMMANDER"], "organisation": "POLICE", "nationalities": ["GB"],
                        "vetting": [{"level": "BPSS", "status": "VERIFIED"}]},
             "document": {"id": "perf-9", "marking": "CONFIDENTIAL", "category": "PERFORMANCE_REPORT", "owner": "POLICE"},
             "access": {"frequency": "REGULAR"}, "asOf": "2026-11-28"}
            """;

    @LocalServerPort
    private int port;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    private JsonNode decide() throws Exception {
        return json(api.post("/api/v1/decisions", BOOTSTRAP_KEY, "application/json", QUESTION));
    }

    private JsonNode upload(Map<String, String> files) throws Exception {
        ObjectNode body = ApiClient.JSON.createObjectNode();
        body.put("label", "CONFIDENTIAL regular needs SC");
        ObjectNode fileNode = body.putObject("files");
        files.forEach(fileNode::put);
        var response = api.post("/api/v1/rule-sets/candidates", BOOTSTRAP_KEY, "application/json", body.toString());
        assertThat(response.statusCode()).isEqualTo(201);
        return json(response);
    }

    @Test
    void shouldTestPublishAndRollBackAChangeWithoutARestart() throws Exception {
        JsonNode before = decide();
        String liveVersion = before.get("ruleSet").get("version").asString();
        assertThat(before.get("decision").asString()).isEqualTo("PERMIT");

        JsonNode failing = upload(Map.of(MATRIX, ConfidentialNeedsSc.matrix(Path.of("rules"))));
        assertThat(failing.get("publishable").asBoolean()).isFalse();
        assertThat(failing.get("tests").get("failed").asInt()).isEqualTo(5);
        assertThat(failing.get("changedFiles")).extracting(JsonNode::asString).containsExactly(MATRIX);
        assertThat(failing.get("impact").get("summary").get(0).asString())
                .startsWith("4 decisions change from PERMIT (needs BPSS) to DENY (needs SC)")
                .endsWith("all CONFIDENTIAL regular access by BPSS holders");
        assertThat(failing.get("impact").get("changes")).anySatisfy(c -> {
            assertThat(c.get("source").asString()).startsWith("audit:");
            assertThat(c.get("rule").asString()).isEqualTo("DenyInsufficientVetting");
        });
        assertThat(api.post(
                                "/api/v1/rule-sets/candidates/"
                                        + failing.get("id").asString() + "/publish",
                                BOOTSTRAP_KEY,
                                "application/json",
                                "{\"reason\": \"try\"}")
                        .statusCode())
                .isEqualTo(409);
        assertThat(decide().get("ruleSet").get("version").asString())
                .as("nothing live was touched")
                .isEqualTo(liveVersion);
        HttpResponse<String> sneaked = api.post(
                "/api/v1/rule-sets/" + failing.get("version").asString() + "/activate",
                BOOTSTRAP_KEY,
                "application/json",
                "{\"reason\": \"through the back door\"}");
        assertThat(sneaked.statusCode())
                .as("a stored failing version cannot be made live either")
                .isEqualTo(409);
        assertThat(json(sneaked).get("detail").asString())
                .isEqualTo("The version " + failing.get("version").asString()
                        + " cannot be made live: 5 test(s) fail. Only a rule set that passes its tests can answer.");
        assertThat(decide().get("ruleSet").get("version").asString()).isEqualTo(liveVersion);

        JsonNode passing = upload(ConfidentialNeedsSc.withScenarios(Path.of("rules")));
        assertThat(passing.get("tests").get("failed").asInt()).isZero();
        assertThat(passing.get("publishable").asBoolean()).isTrue();

        JsonNode published = json(api.post(
                "/api/v1/rule-sets/candidates/" + passing.get("id").asString() + "/publish",
                BOOTSTRAP_KEY,
                "application/json",
                "{\"reason\": \"guidance of November 2026\"}"));
        assertThat(published.get("fromVersion").asString()).isEqualTo(liveVersion);
        String newVersion = published.get("toVersion").asString();
        JsonNode after = decide();
        assertThat(after.get("ruleSet").get("version").asString()).isEqualTo(newVersion);
        assertThat(after.get("decision").asString()).isEqualTo("DENY");
        assertThat(after.get("requiredVetting").asString()).isEqualTo("SC");

        JsonNode rolledBack = json(api.post(
                "/api/v1/rule-sets/" + liveVersion + "/activate",
                BOOTSTRAP_KEY,
                "application/json",
                "{\"reason\": \"guidance withdrawn\"}"));
        assertThat(rolledBack.get("toVersion").asString()).isEqualTo(liveVersion);
        JsonNode again = decide();
        assertThat(again.get("decision").asString()).isEqualTo("PERMIT");
        assertThat(again.get("ruleSet").get("version").asString()).isEqualTo(liveVersion);

        JsonNode history =
                json(api.get("/api/v1/rule-sets/active", BOOTSTRAP_KEY)).get("history");
        assertThat(history.get(0).get("kind").asString()).isEqualTo("ROLLBACK");
        assertThat(history.get(0).get("reason").asString()).isEqualTo("guidance withdrawn");
        assertThat(history.get(1).get("kind").asString()).isEqualTo("PUBLISH");
        assertThat(history.get(1).get("toVersion").asString()).isEqualTo(newVersion);
        JsonNode audited = json(api.get("/api/v1/audit/decisions?kind=RULESET", BOOTSTRAP_KEY));
        assertThat(audited.get("records"))
                .extracting(r -> r.get("outcome").asString())
                .contains("CANDIDATE", "PUBLISH", "ROLLBACK");
    }

    @Test
    void shouldRefuseRuleCodeThatReachesOutsideTheFacts() throws Exception {
        String drl = Files.readString(Path.of("rules/decision/decision.drl"))
                + "\nrule \"Sneaky\"\nwhen\n    Person()\nthen\n    System.exit(1);\nend\n";

        JsonNode report = upload(Map.of(
                "decision/decision.drl", drl, "decision/extra.drl", "package decision;\nimport java.io.File;\n"));

        assertThat(report.get("publishable").asBoolean()).isFalse();
        assertThat(report.get("version").isNull()).isTrue();
        assertThat(report.get("problems")).anySatisfy(p -> {
            assertThat(p.get("file").asString()).isEqualTo("decision/decision.drl");
            assertThat(p.get("message").asString()).contains("System");
            assertThat(p.get("line").asInt()).isEqualTo(drl.split("\n").length - 1);
        });
        assertThat(report.get("problems")).anySatisfy(p -> {
            assertThat(p.get("file").asString()).isEqualTo("decision/extra.drl");
            assertThat(p.get("line").asInt()).isEqualTo(2);
            assertThat(p.get("message").asString()).contains("import of java.io.File is not allowed");
        });
    }

    @Test
    void shouldNameFileAndLineOfACandidateThatDoesNotCompile() throws Exception {
        String broken =
                Files.readString(Path.of("rules", MATRIX)).replace("SECRET,REGULAR,ANY,SC,", "SECRET,REGULAR,ANY,SCC,");

        JsonNode report = upload(Map.of(MATRIX, broken));

        assertThat(report.get("publishable").asBoolean()).isFalse();
        assertThat(report.get("problems").get(0).get("file").asString()).isEqualTo(MATRIX);
        assertThat(report.get("problems").get(0).get("column").asString()).isEqualTo("requires");
        assertThat(api.post(
                                "/api/v1/rule-sets/candidates/"
                                        + report.get("id").asString() + "/publish",
                                BOOTSTRAP_KEY,
                                "application/json",
                                "{}")
                        .statusCode())
                .isEqualTo(409);
    }
}
