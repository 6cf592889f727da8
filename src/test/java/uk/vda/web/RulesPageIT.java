package uk.vda.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** A policy officer changes a table cell, sees the tests fail, reverts, publishes a passing change and rolls back. */
class RulesPageIT extends BrowserTest {
    private static final By SECRET_REGULAR_REQUIRES = By.cssSelector("#csv-table input[data-line='14'][data-column='requires']");
    private static final By SECRET_REGULAR_EXPLANATION = By.cssSelector("#csv-table input[data-line='14'][data-column='explanation']");
    @BeforeAll
    static void open() {
        openBrowser("policy-team", "rules:read", "rules:write");
    }

    @Test
    void shouldShowRuleCodeReadOnlyToAKeyWithoutTheCodeScope() {
        browser.go("/rules");
        browser.click(By.cssSelector("#file-list button[data-path='decision/decision.drl']"));

        assertThat(browser.text(By.id("file-title"))).isEqualTo("decision/decision.drl");
        assertThat(browser.text(By.id("read-only-code"))).startsWith("Rule code is read-only for this key: "
                + "changing a .drl or .drt file needs the scope rules:code");
        assertThat(browser.all(By.id("file-text"))).as("no editor for rule code").isEmpty();
        assertThat(browser.all(By.cssSelector("#code li"))).isNotEmpty();
    }

    @Test
    void shouldTestRevertPublishAndRollBackATableChange() {
        browser.go("/rules");
        String original = browser.text(By.id("live-version"));
        assertThat(browser.text(By.id("live-tests"))).endsWith("0 failed");
        assertThat(browser.text(By.id("file-title"))).isEqualTo("vetting/minimum-vetting.csv");

        // A wrong change: regular SECRET access with BPSS only. The scenarios catch it.
        edit(SECRET_REGULAR_REQUIRES, "BPSS");
        assertThat(browser.text(By.id("changed-files"))).isEqualTo("Changed: vetting/minimum-vetting.csv");
        browser.type(By.id("change-label"), "SECRET regular needs only BPSS (wrong)");
        browser.click(By.id("test-changes"));
        assertThat(browser.text(By.id("candidate-verdict"))).isEqualTo("FAIL: it compiles, but tests fail.");
        String failing = browser.text(By.id("candidate-version"));
        assertThat(browser.text(By.id("failing-scenarios"))).contains("FAIL").contains("expected").contains("SC");
        assertThat(browser.text(By.id("impact"))).contains("would change");
        assertThat(browser.all(By.cssSelector("#impact-chart rect"))).isNotEmpty();
        assertThat(browser.find(By.cssSelector("#impact-chart")).getAttribute("aria-label"))
                .startsWith("Answers that would change, by kind: ").contains("→");
        assertThat(browser.find(By.id("publish")).isEnabled()).isFalse();
        browser.screenshot("rules-change-fails-its-tests", By.id("candidate-report"));

        // Revert: the file is as live again, nothing to test.
        browser.click(By.id("revert-file"));
        assertThat(browser.find(SECRET_REGULAR_REQUIRES).getDomProperty("value")).isEqualTo("SC");
        assertThat(browser.text(By.id("changed-files"))).isEqualTo("No changes yet.");
        assertThat(browser.find(By.id("test-changes")).isEnabled()).isFalse();

        // A right change: clearer words for the same rule. It passes and goes live.
        edit(SECRET_REGULAR_EXPLANATION, "Regular, unsupervised access to SECRET material needs SC (Security Check).");
        browser.type(By.id("change-label"), "Say what SC stands for");
        browser.click(By.id("test-changes"));
        assertThat(browser.text(By.id("candidate-verdict"))).isEqualTo("PASS: it compiles and every test passes.");
        assertThat(browser.text(By.id("impact"))).contains("0 would change");
        browser.type(By.id("publish-reason"), "Plainer words, agreed by the policy team");
        browser.click(By.id("publish"));
        assertThat(browser.text(By.id("published"))).startsWith("Published:").contains("(was " + original + ")");
        String published = browser.text(By.id("live-version"));
        assertThat(published).isNotEqualTo(original);
        assertThat(browser.find(SECRET_REGULAR_EXPLANATION).getDomProperty("value")).endsWith("(Security Check).");
        browser.screenshot("rules-published", By.id("history"));

        // The failing candidate is in the history too, but it was never live and the service will not make it so.
        assertThat(browser.text(By.cssSelector("#versions tr[data-version='" + failing + "'] button.activate")))
                .isEqualTo("Make live (if its tests pass)");

        // Roll back from the history.
        browser.type(By.id("rollback-reason"), "Back out until the glossary is agreed");
        browser.click(By.cssSelector("#versions button.activate[data-version='" + original + "']"));
        assertThat(browser.text(By.id("rolled-back"))).isEqualTo("ROLLBACK: " + original + " is live again (was " + published + ").");
        assertThat(browser.text(By.id("live-version"))).isEqualTo(original);
        assertThat(browser.text(By.id("activations"))).contains("ROLLBACK " + published + " → " + original)
                .contains("Back out until the glossary is agreed");
        assertThat(browser.find(SECRET_REGULAR_EXPLANATION).getDomProperty("value")).endsWith("needs SC.");
    }

    @Test
    void shouldPointACompileErrorAtItsFileAndLine() {
        browser.go("/rules");
        browser.click(By.cssSelector("#file-list button[data-path='vetting/requirement.drl']"));
        browser.find(By.id("file-text"));
        browser.script("const a = document.getElementById('file-text'); a.value = a.value.replace('then', 'then this is not java;');"
                + " a.dispatchEvent(new Event('input'));");
        browser.click(By.id("test-changes"));
        assertThat(browser.text(By.id("candidate-verdict"))).isEqualTo("FAIL: it does not compile.");
        assertThat(browser.text(By.id("compile-problems"))).contains("MinimumVettingIsHighestRequirement");
        WebElement where = browser.find(By.cssSelector("#compile-problems button.goto"));
        // the compiler names the rule's first line for an error in its consequence
        assertThat(where.getText()).isEqualTo("vetting/requirement.drl:6");
        where.click();
        WebElement highlighted = browser.find(By.cssSelector("#code li.highlight"));
        assertThat(highlighted.getAttribute("data-line")).isEqualTo("6");
        assertThat(highlighted.getText()).isEqualTo("rule \"MinimumVettingIsHighestRequirement\"");
        browser.screenshot("rules-compile-error-points-at-the-line", By.id("compile-problems"));
        browser.click(By.id("discard-changes"));
        assertThat(browser.text(By.id("changed-files"))).isEqualTo("No changes yet.");
    }

    private static void edit(By cell, String value) {
        WebElement input = browser.find(cell);
        input.clear();
        input.sendKeys(value, Keys.TAB);
    }
}
