package uk.vda.security;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.vda.ApiClient.BOOTSTRAP_KEY;
import static uk.vda.ApiClient.json;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import uk.vda.ApiClient;

/**
 * Who may make which key, and how the decision log names the key that asked: client names are valid and one
 * client's, a key grants only what it holds, admin and rules:code only the bootstrap key grants.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KeyIssuanceTest {
    @LocalServerPort
    private int port;

    private ApiClient api;
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    private HttpResponse<String> create(String adminKey, String client, String... scopes) throws Exception {
        String body = "{\"client\": \"" + client + "\", \"scopes\": [\"" + String.join("\", \"", scopes) + "\"]}";
        return api.post("/api/v1/admin/keys", adminKey, "application/json", body);
    }

    private static void assertRefusedClient(HttpResponse<String> response, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = json(response).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("client");
        assertThat(error.get("message").asString()).contains(message);
    }

    @Test
    void shouldRefuseAClientNameThatPassesForTheBootstrapKeyOrIsNoName() throws Exception {
        assertRefusedClient(create(BOOTSTRAP_KEY, "bootstrap", "decide"), "reserved for the service");
        assertRefusedClient(create(BOOTSTRAP_KEY, "Bootstrap", "decide"), "reserved for the service");
        assertRefusedClient(create(BOOTSTRAP_KEY, "anonymous", "decide"), "reserved for the service");
        assertRefusedClient(create(BOOTSTRAP_KEY, "=HYPERLINK(1)", "decide"), "letters, digits");
        assertRefusedClient(create(BOOTSTRAP_KEY, "two words", "decide"), "letters, digits");
        assertRefusedClient(create(BOOTSTRAP_KEY, "x".repeat(101), "decide"), "1 to 100");
    }

    @Test
    void shouldKeepOneValidKeyPerClientNameAndFreeTheNameWhenItIsRevoked() throws Exception {
        String client = "case-system-" + suffix;
        HttpResponse<String> first = create(BOOTSTRAP_KEY, client, "decide");
        assertThat(first.statusCode()).isEqualTo(201);

        assertRefusedClient(create(BOOTSTRAP_KEY, client, "assess"), "exists already");
        assertRefusedClient(create(BOOTSTRAP_KEY, client.toUpperCase(), "assess"), "exists already");

        assertThat(api.delete("/api/v1/admin/keys/" + json(first).get("id").asString(), BOOTSTRAP_KEY)
                        .statusCode())
                .isEqualTo(204);
        assertThat(create(BOOTSTRAP_KEY, client, "assess").statusCode()).isEqualTo(201);
    }

    @Test
    void shouldLetAKeyGrantOnlyScopesItHoldsAndAdminAndRuleCodeOnlyFromTheBootstrapKey() throws Exception {
        HttpResponse<String> made =
                create(BOOTSTRAP_KEY, "key-office-" + suffix, "admin", "decide", "rules:write", "rules:code");
        assertThat(made.statusCode()).as("the bootstrap key grants anything").isEqualTo(201);
        String office = json(made).get("key").asString();

        assertThat(create(office, "partner-" + suffix, "decide").statusCode()).isEqualTo(201);
        HttpResponse<String> notHeld = create(office, "hr-" + suffix, "decide", "assess");
        HttpResponse<String> admin = create(office, "deputy-" + suffix, "admin");
        HttpResponse<String> ruleCode = create(office, "rule-author-" + suffix, "rules:write", "rules:code");

        for (HttpResponse<String> refused : List.of(notHeld, admin, ruleCode)) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(refused).get("title").asString()).isEqualTo("Scope not grantable");
        }
        assertThat(json(notHeld).get("refused")).extracting(JsonNode::asString).containsExactly("assess");
        assertThat(json(admin).get("refused")).extracting(JsonNode::asString).containsExactly("admin");
        assertThat(json(ruleCode).get("refused")).extracting(JsonNode::asString).containsExactly("rules:code");
        assertThat(api.get("/api/v1/admin/keys", BOOTSTRAP_KEY).body())
                .doesNotContain("hr-" + suffix, "deputy-" + suffix, "rule-author-" + suffix);
    }

    @Test
    void shouldNameTheKeyThatAskedInTheDecisionLog() throws Exception {
        HttpResponse<String> made = create(BOOTSTRAP_KEY, "council-" + suffix, "decide");
        String keyId = json(made).get("id").asString();
        String auditor = api.newKey(BOOTSTRAP_KEY, "auditor-" + suffix, "audit:read");
        String decisionId = json(api.post(
                        "/api/v1/decisions",
                        json(made).get("key").asString(),
                        "application/json",
                        ApiClient.decisionRequest()))
                .get("decisionId")
                .asString();
        String byBootstrap = json(api.post(
                        "/api/v1/decisions", BOOTSTRAP_KEY, "application/json", ApiClient.decisionRequest()))
                .get("decisionId")
                .asString();

        JsonNode record =
                json(api.get("/api/v1/audit/decisions/" + decisionId, auditor)).get("summary");
        assertThat(record.get("clientId").asString()).isEqualTo("council-" + suffix);
        assertThat(record.get("keyId").asString()).isEqualTo(keyId);
        assertThat(json(api.get("/api/v1/audit/decisions/" + byBootstrap, auditor))
                        .get("summary")
                        .get("keyId")
                        .asString())
                .isEqualTo("bootstrap");

        JsonNode byKey = json(api.get("/api/v1/audit/decisions?keyId=" + keyId, auditor));
        assertThat(byKey.get("total").asLong()).isEqualTo(1);
        assertThat(byKey.get("records").get(0).get("id").asString()).isEqualTo(decisionId);
        HttpResponse<String> csv = api.send(api.request("/api/v1/audit/decisions?keyId=" + keyId, auditor)
                .header("Accept", "text/csv")
                .GET());
        assertThat(csv.body().lines().toList())
                .hasSize(2)
                .first()
                .asString()
                .startsWith("id,recordedAt,clientId,keyId,");
        assertThat(csv.body().lines().toList().get(1))
                .startsWith(decisionId + ",")
                .contains(",council-" + suffix + "," + keyId + ",");
    }

    @Test
    void shouldRefuseAuditFiltersWithUnknownValuesNamingTheAllowedOnes() throws Exception {
        HttpResponse<String> decision = api.get("/api/v1/audit/decisions?decision=MAYBE", BOOTSTRAP_KEY);
        HttpResponse<String> kind = api.get("/api/v1/audit/decisions?kind=decision", BOOTSTRAP_KEY);

        assertThat(decision.statusCode()).isEqualTo(400);
        assertThat(json(decision).get("errors").get(0).get("field").asString()).isEqualTo("decision");
        assertThat(json(decision).get("errors").get(0).get("allowed"))
                .extracting(JsonNode::asString)
                .containsExactly(
                        "PERMIT",
                        "DENY",
                        "UNNECESSARY",
                        "NECESSARY",
                        "INSUFFICIENT",
                        "ALREADY_HELD",
                        "TRANSFER",
                        "OUT_OF_SCOPE");
        assertThat(kind.statusCode()).isEqualTo(400);
        assertThat(json(kind).get("errors").get(0).get("field").asString()).isEqualTo("kind");
        assertThat(json(kind).get("errors").get(0).get("allowed"))
                .extracting(JsonNode::asString)
                .containsExactly("DECISION", "ASSESSMENT", "ROSTER", "BATCH", "RULESET");
        assertThat(api.get("/api/v1/audit/decisions?decision=DENY&kind=DECISION", BOOTSTRAP_KEY)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void shouldExportAuditCsvWhoseCellsASpreadsheetCannotRunAsFormulas() throws Exception {
        String client = "school-" + suffix;
        String partner = api.newKey(BOOTSTRAP_KEY, client, "decide");
        String request =
                ApiClient.decisionRequest().replace("\"ctlp-anytown-2026\"", "\"=HYPERLINK(\\\"http://evil\\\")\"");
        assertThat(api.post("/api/v1/decisions", partner, "application/json", request)
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> csv = api.send(api.request("/api/v1/audit/decisions?client=" + client, BOOTSTRAP_KEY)
                .header("Accept", "text/csv")
                .GET());

        assertThat(csv.body().lines().toList()).hasSize(2);
        assertThat(csv.body().lines().toList().get(1))
                .contains(",\"'=HYPERLINK(\"\"http://evil\"\")\",")
                .doesNotContain(",=HYPERLINK", ",\"=HYPERLINK");
    }
}
