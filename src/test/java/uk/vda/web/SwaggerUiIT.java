package uk.vda.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A partner's developer tries the API in Swagger UI, under the service's Content-Security-Policy: without a key
 * the call is refused, and after <em>Authorize</em> with their key the same <em>Try it out</em> answers 200.
 */
class SwaggerUiIT extends BrowserTest {
    private static final By SESSION = By.id("operations-Session-session");
    private static final By STATUS =
            By.cssSelector("#operations-Session-session .live-responses-table .response .response-col_status");
    private static final By BODY =
            By.cssSelector("#operations-Session-session .live-responses-table .response .response-col_description");

    @BeforeAll
    static void open() {
        openBrowser();
    }

    @Test
    void shouldAnswerTryItOutWith200OnceAuthorizedWithAKey() {
        String key = newKey("swagger-ui-partner", "decide");
        // Every page load records what the Content-Security-Policy blocks, from before the page's first script.
        browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                window.blockedByCsp = [];
                document.addEventListener('securitypolicyviolation',
                    e => window.blockedByCsp.push(e.violatedDirective + ' ' + e.blockedURI));"""));
        browser.go("/swagger-ui.html");
        browser.click(By.cssSelector("#operations-Session-session .opblock-summary-control"));
        browser.click(By.cssSelector("#operations-Session-session button.try-out__btn"));
        browser.click(By.cssSelector("#operations-Session-session button.execute"));
        assertThat(browser.text(STATUS)).isEqualTo("401");
        assertThat(browser.text(BODY)).contains("API key needed");

        browser.click(By.cssSelector(".auth-wrapper button.authorize"));
        browser.type(By.cssSelector(".modal-ux .auth-container input"), key);
        browser.click(By.cssSelector(".modal-ux .auth-btn-wrapper button[type=submit]"));
        browser.click(By.cssSelector(".modal-ux button.btn-done"));
        browser.waitFor(d -> d.findElements(By.cssSelector(".modal-ux")).isEmpty());
        browser.click(By.cssSelector("#operations-Session-session button.execute"));

        browser.waitFor(d -> d.findElement(STATUS).getText().equals("200"));
        assertThat(browser.text(STATUS)).isEqualTo("200");
        assertThat(browser.text(BODY))
                .containsPattern("\"client\": \"swagger-ui-partner-[0-9]+\"")
                .contains("\"value\": \"decide\"");
        assertThat(browser.script("return window.blockedByCsp"))
                .as("blocked by the CSP")
                .isEqualTo(List.of());
        browser.screenshot("swagger-ui-try-it-out-authorized", SESSION);
    }
}
