package uk.vda.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** An HR officer checks one post, then the Prevent partnership's whole roster. */
class AssessPageIT extends BrowserTest {
    @BeforeAll
    static void open() {
        openBrowser("anytown-hr", "assess");
    }

    @Test
    void shouldSayScForAChiefExecutiveIsUnnecessaryAndWhatItSaves() {
        browser.go("/assess");
        browser.click(By.id("post-role-LA_CHIEF_EXECUTIVE"));
        browser.choose(By.id("post-organisation"), "LOCAL_AUTHORITY");
        browser.choose(By.id("requested"), "SC");
        browser.click(By.id("held-add"));
        browser.click(By.id("assess"));

        assertThat(browser.text(By.id("verdict"))).isEqualTo("UNNECESSARY");
        assertThat(browser.text(By.id("summary")))
                .startsWith("No — SC (Security Check) was requested but the post needs only BPSS");
        assertThat(browser.text(By.id("assessed-required"))).isEqualTo("BPSS");
        assertThat(browser.text(By.id("cost-avoided"))).isEqualTo("£50–£100");
        assertThat(browser.text(By.id("assessment-reasons"))).contains("VerdictUnnecessary");
        browser.screenshot("assess-one-post-sc-unnecessary", By.tagName("h1"));
    }

    @Test
    void shouldSummariseARosterWithChartsASortableTableAndACsvDownload() throws Exception {
        browser.go("/assess");
        Path roster =
                Paths.get("examples/roster/01-prevent-partnership.request.csv").toAbsolutePath();
        browser.find(By.id("roster-file")).sendKeys(roster.toString());
        browser.click(By.id("assess-roster"));

        assertThat(browser.text(By.cssSelector("#roster-result h3"))).isEqualTo("24 people assessed");
        assertThat(browser.text(By.id("count-UNNECESSARY"))).isEqualTo("16");
        assertThat(browser.text(By.id("count-NECESSARY"))).isEqualTo("3");
        assertThat(browser.text(By.id("count-INSUFFICIENT"))).isEqualTo("0");
        assertThat(browser.text(By.id("count-ALREADY_HELD"))).isEqualTo("5");
        assertThat(browser.text(By.id("roster-cost"))).isEqualTo("£4,165–£6,960");
        assertThat(browser.text(By.id("over-vetted"))).isEqualTo("bcu-commander-north, nepo-eastfield");
        assertThat(browser.all(By.cssSelector("#verdict-chart rect"))).hasSize(6);
        assertThat(browser.find(By.cssSelector("#verdict-chart")).getAttribute("aria-label"))
                .isEqualTo(
                        "Verdicts: unnecessary 16; necessary 3; insufficient 0; already held 5; transfer 0; out of scope 0");
        assertThat(browser.all(By.cssSelector("#cost-chart rect"))).isNotEmpty();
        assertThat(browser.all(By.cssSelector("#roster-table tbody tr"))).hasSize(24);

        browser.click(By.cssSelector("#roster-table button.sort[data-key='days']"));
        browser.click(By.cssSelector("#roster-table button.sort[data-key='days']"));
        assertThat(browser.find(By.cssSelector("#roster-table th:nth-child(8)")).getAttribute("aria-sort"))
                .isEqualTo("descending");
        List<Integer> days = browser.all(By.cssSelector("#roster-table td[data-col='days']")).stream()
                .map(WebElement::getText)
                .map(Integer::valueOf)
                .toList();
        assertThat(days).hasSize(24).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(days.get(0)).isPositive();
        assertThat((Long) browser.script(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                .as("sideways scrolling with the roster shown")
                .isLessThanOrEqualTo(0L);
        browser.screenshot("assess-roster-summary", By.id("roster-heading"));

        browser.click(By.id("roster-csv"));
        Path csv = browser.downloads.resolve("01-prevent-partnership.request-assessed.csv");
        browser.waitFor(d -> Files.exists(csv) ? csv : null);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(25);
        assertThat(lines.get(0)).startsWith("personId,");
        assertThat(lines.get(1)).startsWith("anytown-ce,");
    }

    @Test
    void shouldListEveryBadRowOfARefusedRosterByLine() {
        browser.go("/assess");
        Path roster = Paths.get("examples/roster/03-bad-rows-are-all-listed.request.csv")
                .toAbsolutePath();
        browser.find(By.id("roster-file")).sendKeys(roster.toString());
        browser.click(By.id("assess-roster"));

        List<String> errors = browser.waitFor(d -> {
            List<String> items = d.findElements(By.cssSelector("#roster-result .field-errors li")).stream()
                    .map(WebElement::getText)
                    .toList();
            return items.isEmpty() ? null : items;
        });
        assertThat(errors).hasSize(4);
        assertThat(errors.get(0)).startsWith("Line 3, roles 'MAYOR' is not a known role");
        assertThat(errors.get(1)).startsWith("Line 4, organisation 'POLIS'");
    }
}
