package uk.vda.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import uk.vda.ApiClient;

/** An auditor finds a partner's question in the decision log and reads the explanation that was given. */
class AuditPageIT extends BrowserTest {
    @BeforeAll
    static void open() {
        openBrowser("inspectorate", "audit:read");
    }

    @Test
    void shouldFindADecisionByDocumentAndShowItsFullExplanation() throws Exception {
        String partnerKey = newKey("anytown-case-system", "decide");
        String documentId = "ctlp-" + UUID.randomUUID();
        String request = Files.readString(
                        Paths.get("examples/decisions/01-partner-asks-for-the-secret-ctlp.request.json"))
                .replace("\"ctlp-anytown-2026\"", "\"" + documentId + "\"");
        HttpResponse<String> asked = app.api.post("/api/v1/decisions", partnerKey, "application/json", request);
        assertThat(asked.statusCode()).isEqualTo(200);
        String decisionId =
                ApiClient.JSON.readTree(asked.body()).get("decisionId").asString();

        browser.go("/audit");
        browser.type(By.id("f-document"), documentId);
        browser.click(By.id("search"));
        assertThat(browser.text(By.cssSelector("#audit-results h2"))).isEqualTo("1 record");
        assertThat(browser.text(By.cssSelector("#audit-table tbody tr")))
                .contains("DECISION")
                .contains("DENY")
                .contains(documentId)
                .contains("anytown-case-system");
        browser.click(By.cssSelector("#audit-table button.open-record"));

        assertThat(browser.text(By.id("record-id"))).isEqualTo(decisionId);
        assertThat(browser.text(By.id("decision"))).isEqualTo("DENY");
        assertThat(browser.text(By.id("reasons"))).contains("DenyWithoutNeedToKnow");
        assertThat(browser.text(By.id("alternatives"))).contains("ctlp-anytown-2026-partner");
        // the person is pseudonymised in the record: their own identifier is not in what was recorded
        String recorded = (String) browser.script("return document.getElementById('record-request').textContent");
        assertThat(recorded).doesNotContain("la-ce-anytown").contains(documentId);
        browser.screenshot("audit-one-decision", By.tagName("h1"));
    }

    @Test
    void shouldFindAPersonsAnswersByTheirOwnIdentifier() throws Exception {
        String partnerKey = newKey("school-" + UUID.randomUUID(), "decide");
        String person = "teacher-" + UUID.randomUUID();
        String request = Files.readString(
                        Paths.get("examples/decisions/02-partner-reads-the-restricted-partner-ctlp.request.json"))
                .replaceFirst("\"id\": \"[^\"]+\"", "\"id\": \"" + person + "\"");
        assertThat(app.api
                        .post("/api/v1/decisions", partnerKey, "application/json", request)
                        .statusCode())
                .isEqualTo(200);
        assertThat(app.api
                        .post("/api/v1/decisions", partnerKey, "application/json", request)
                        .statusCode())
                .isEqualTo(200);

        browser.go("/audit");
        browser.type(By.id("f-person"), person);
        browser.choose(By.id("f-kind"), "DECISION");
        browser.click(By.id("search"));
        assertThat(browser.text(By.cssSelector("#audit-results h2"))).isEqualTo("2 records");
        assertThat(browser.all(By.cssSelector("#audit-table tbody tr"))).hasSize(2);
    }
}
