package uk.vda.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** A partner asks whether a council chief executive may read the SECRET CTLP, through the form. */
class AskPageIT extends BrowserTest {
    @BeforeAll
    static void open() {
        openBrowser("anytown-council", "decide");
    }

    @Test
    void shouldAnswerAPartnersQuestionWithReasonsAndTheVersionToOfferInstead() {
        browser.go("/ask");
        browser.type(By.id("person-id"), "la-ce-anytown");
        browser.choose(By.id("organisation"), "LOCAL_AUTHORITY");
        browser.click(By.id("role-LA_CHIEF_EXECUTIVE"));
        // one vetting line is there to start with: BPSS, VERIFIED
        assertThat(browser.all(By.cssSelector("#vetting-lines .vetting-line"))).hasSize(1);
        browser.type(By.id("document-id"), "ctlp-anytown-2026");
        browser.choose(By.id("marking"), "SECRET");
        browser.choose(By.id("category"), "CTLP_FULL");
        browser.choose(By.id("owner"), "POLICE");
        browser.click(By.id("add-alternative"));
        browser.type(
                By.cssSelector("#alternative-lines .alternative-line input[id$='-id']"), "ctlp-anytown-2026-partner");
        browser.choose(By.cssSelector("#alternative-lines select[id$='-marking']"), "RESTRICTED");
        browser.choose(By.cssSelector("#alternative-lines select[id$='-category']"), "CTLP_PARTNER");
        browser.choose(By.id("frequency"), "OCCASIONAL");
        browser.script("document.getElementById('as-of').value = '2026-11-28'");
        browser.click(By.id("ask"));

        assertThat(browser.text(By.id("decision"))).isEqualTo("DENY");
        assertThat(browser.text(By.id("summary")))
                .startsWith("No — none of the person's roles [Local authority chief executive] gives a need to know")
                .endsWith(
                        "offer ctlp-anytown-2026-partner (RESTRICTED) instead: it can be shared now, with no new vetting.");
        assertThat(browser.text(By.id("required-vetting"))).isEqualTo("BPSS");
        assertThat(browser.text(By.id("effective-vetting"))).isEqualTo("BPSS");
        assertThat(browser.text(By.id("need-to-know"))).isEqualTo("no");
        List<WebElement> reasons = browser.all(By.cssSelector("#reasons li"));
        assertThat(reasons.get(0).getText()).startsWith("DENY").contains("DenyWithoutNeedToKnow");
        assertThat(browser.text(By.id("alternatives")))
                .contains("ctlp-anytown-2026-partner (RESTRICTED) would be permitted");
        browser.screenshot("ask-partner-denied-with-alternative", By.tagName("h1"));

        browser.click(By.id("copy-curl"));
        String curl = browser.text(By.id("curl"));
        assertThat(curl)
                .startsWith("curl -s " + app.url("/api/v1/decisions"))
                .contains("X-API-Key: $ADVISOR_API_KEY")
                .contains("\"marking\": \"SECRET\"")
                .contains("\"frequency\": \"OCCASIONAL\"")
                .contains("\"id\": \"ctlp-anytown-2026-partner\"");
    }

    @Test
    void shouldShowHandlingConditionsWhenPermitted() {
        browser.go("/ask");
        browser.choose(By.id("organisation"), "LOCAL_AUTHORITY");
        browser.click(By.id("role-LA_CHIEF_EXECUTIVE"));
        browser.choose(By.id("marking"), "RESTRICTED");
        browser.choose(By.id("category"), "CTLP_PARTNER");
        browser.choose(By.id("owner"), "POLICE");
        browser.choose(By.id("frequency"), "OCCASIONAL");
        browser.click(By.id("ask"));

        assertThat(browser.text(By.id("decision"))).isEqualTo("PERMIT");
        assertThat(browser.text(By.id("conditions"))).contains("Destroy it by shredding");
    }

    @Test
    void shouldNameTheFieldAndTheAllowedValuesWhenTheQuestionIsRefused() {
        browser.go("/ask");
        browser.choose(By.id("organisation"), "LOCAL_AUTHORITY");
        browser.type(By.id("nationalities"), "GB, BRITISH");
        browser.choose(By.id("marking"), "OFFICIAL");
        browser.click(By.id("ask"));

        String problem = browser.text(By.cssSelector("#answer .problem"));
        assertThat(problem)
                .contains("Invalid request")
                .contains("person.nationalities[1]")
                .contains("BRITISH");
        assertThat(browser.all(By.id("decision"))).isEmpty();
    }

    @Test
    void shouldFillTheFormFromAnExample() {
        browser.go("/ask");
        browser.choose(By.id("example"), "lapsed-sc");
        assertThat(browser.find(By.id("person-id")).getDomProperty("value")).isEqualTo("analyst-joiner");
        assertThat(browser.all(By.cssSelector("#vetting-lines .vetting-line"))).hasSize(2);
        browser.click(By.id("ask"));
        assertThat(browser.text(By.id("decision"))).isEqualTo("DENY");
        assertThat(browser.text(By.id("required-vetting"))).isEqualTo("SC");
        assertThat(browser.text(By.id("recommendations"))).contains("transfer the SC clearance");
    }
}
