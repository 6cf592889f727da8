package uk.vda.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** A policy officer changes a table cell, sees the tests fail, reverts, publishes a passing change and rolls back. */
class RulesPageIT extends BrowserTest {
    /** The line of the matrix row for regular SECRET access, as the page numbers the table's inputs. */
    private static final int SECRET_REGULAR_LINE = secretRegularLine();

    private static final By SECRET_REGULAR_REQUIRES =
            By.cssSelector("#csv-table input[data-line='" + SECRET_REGULAR_LINE + "'][data-column='requires']");
    private static final By SECRET_REGULAR_EXPLANATION =
            By.cssSelector("#csv-table input[data-line='" + SECRET_REGULAR_LINE + "'][data-column='explanation']");

    private static int secretRegularLine() {
        try {
            List<String> lines = Files.readAllLines(Path.of("rules/vetting/minimum-vetting.csv"));
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("SECRET,REGULAR,ANY,SC,")) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no SECRET,REGULAR row in rules/vetting/minimum-vetting.csv");
    }

    @BeforeAll
    static void open() {
        openBrowser("policy-team", "rules:read", "rules:write");
    }

    @Test
    void shouldShowRuleCodeReadOnlyToAKeyWithoutTheCodeScope() {
        browser.signIn(newKey("policy-team", "rules:read", "rules:write"));
        browser.go("/rules");
        browser.click(By.cssSelector("#file-list button[data-path='decision/decision.drl']"));

        assertThat(browser.text(By.id("file-title"))).isEqualTo("decision/decision.drl");
        assertThat(browser.text(By.id("read-only-code")))
                .startsWith("Rule code is read-only for this key: "
                        + "changing a .drl or .drt file needs the scope rules:code");
        assertThat(browser.all(By.id("file-text")))
                .as("no editor for rule code")
                .isEmpty();
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
        assertThat(browser.text(By.id("failing-scenarios")))
                .contains("FAIL")
                .contains("expected")
                .contains("SC");
        assertThat(browser.text(By.id("impact"))).contains("would change");
        assertThat(browser.all(By.cssSelector("#impact-chart rect"))).isNotEmpty();
        assertThat(browser.find(By.cssSelector("#impact-chart")).getAttribute("aria-label"))
                .startsWith("Answers that would change, by kind: ")
                .contains("→");
        assertThat(browser.find(By.id("publish")).isEnabled()).isFalse();
        browser.screenshot("rules-change-fails-its-tests", By.id("candidate-report"));

        // Revert: the file is as live again, nothing to test.
        browser.click(By.id("revert-file"));
        assertThat(browser.find(SECRET_REGULAR_REQUIRES).getDomProperty("value"))
                .isEqualTo("SC");
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
        assertThat(browser.find(SECRET_REGULAR_EXPLANATION).getDomProperty("value"))
                .endsWith("(Security Check).");
        browser.screenshot("rules-published", By.id("history"));

        // The failing candidate is in the history too, but it was never live and the service will not make it so.
        assertThat(browser.text(By.cssSelector("#versions tr[data-version='" + failing + "'] button.activate")))
                .isEqualTo("Make live (if its tests pass)");

        // Roll back from the history.
        browser.type(By.id("rollback-reason"), "Back out until the glossary is agreed");
        browser.click(By.cssSelector("#versions button.activate[data-version='" + original + "']"));
        assertThat(browser.text(By.id("rolled-back")))
                .isEqualTo("ROLLBACK: " + original + " is live again (was " + published + ").");
        assertThat(browser.text(By.id("live-version"))).isEqualTo(original);
        assertThat(browser.text(By.id("activations")))
                .contains("ROLLBACK " + published + " → " + original)
                .contains("Back out until the glossary is agreed");
        assertThat(browser.find(SECRET_REGULAR_EXPLANATION).getDomProperty("value"))
                .endsWith("needs SC.");
    }

    @Test
    void shouldPointACompileErrorAtItsFileAndLine() {
        // editing rule code needs rules:code (an administrator's), which the policy team's key does not hold
        browser.signIn(newKey("rules-admin", "rules:read", "rules:write", "rules:code"));
        try {
            browser.go("/rules");
            browser.click(By.cssSelector("#file-list button[data-path='vetting/requirement.drl']"));
            browser.find(By.id("file-text"));
            browser.script(
                    "const a = document.getElementById('file-text'); a.value = a.value.replace('then', 'then this is not java;');"
                            + " a.dispatchEvent(new Event('input'));");
            browser.click(By.id("test-changes"));
            assertThat(browser.text(By.id("candidate-verdict"))).isEqualTo("FAIL: it does not compile.");
            assertThat(browser.text(By.id("compile-problems"))).contains("MinimumVettingIsHighestRequirement");
            WebElement where = browser.find(By.cssSelector("#compile-problems button.goto"));
            // the sandbox parses the consequence as Java and names the line it starts on
            assertThat(where.getText()).isEqualTo("vetting/requirement.drl:14");
            where.click();
            WebElement highlighted = browser.find(By.cssSelector("#code li.highlight"));
            assertThat(highlighted.getAttribute("data-line")).isEqualTo("14");
            assertThat(highlighted.getText()).isEqualTo("then this is not java;");
            browser.screenshot("rules-compile-error-points-at-the-line", By.id("compile-problems"));
            browser.click(By.id("discard-changes"));
            assertThat(browser.text(By.id("changed-files"))).isEqualTo("No changes yet.");
        } finally {
            browser.signIn(newKey("policy-team", "rules:read", "rules:write"));
        }
    }

    @Test
    void shouldTestATableChangedInExcelExactlyAsTheSameEditOnThePage() throws Exception {
        // On the page: regular SECRET access with BPSS only (wrong: the scenarios catch it).
        browser.go("/rules");
        assertThat(browser.text(By.id("file-title"))).isEqualTo("vetting/minimum-vetting.csv");
        edit(SECRET_REGULAR_REQUIRES, "BPSS");
        browser.click(By.id("test-changes"));
        List<String> onThePage = report();
        browser.click(By.id("discard-changes"));

        // The same change in Excel: download the table, change the cell, upload the workbook.
        browser.screenshot("rules-table-for-excel", By.id("file-tools"));
        browser.click(By.id("download-xlsx"));
        Path downloaded = browser.downloads.resolve("minimum-vetting.xlsx");
        browser.waitFor(d -> Files.exists(downloaded) && downloaded.toFile().length() > 0 ? true : null);
        Path changed = downloaded.resolveSibling("minimum-vetting-changed.xlsx");
        try (InputStream in = Files.newInputStream(downloaded);
                Workbook workbook = new XSSFWorkbook(in);
                OutputStream out = Files.newOutputStream(changed)) {
            Sheet sheet = workbook.getSheet("minimum-vetting");
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition())
                    .as("header row frozen")
                    .isEqualTo((short) 4);
            assertThat(sheet.getDataValidations()).as("drop-downs").hasSize(4);
            Row secretRegular = sheet.getRow(SECRET_REGULAR_LINE - 1); // row n in Excel is line n of the file
            assertThat(secretRegular.getCell(0).getStringCellValue() + ","
                            + secretRegular.getCell(1).getStringCellValue())
                    .isEqualTo("SECRET,REGULAR");
            secretRegular.getCell(3).setCellValue("BPSS");
            workbook.write(out);
        }
        browser.find(By.id("upload-xlsx")).sendKeys(changed.toAbsolutePath().toString());
        List<String> fromExcel = report();

        assertThat(fromExcel).isEqualTo(onThePage);
        assertThat(fromExcel.get(0)).isEqualTo("FAIL: it compiles, but tests fail.");
        browser.screenshot("rules-workbook-tested-as-the-same-edit", By.id("candidate-report"));
    }

    /** The candidate report as a person reads it: verdict, counts, version, failing scenarios, impact. */
    private static List<String> report() {
        String verdict = browser.text(By.id("candidate-verdict"));
        return List.of(
                verdict,
                browser.text(By.id("candidate-counts")),
                browser.text(By.id("candidate-version")),
                browser.text(By.id("failing-scenarios")),
                browser.text(By.id("impact")));
    }

    private static void edit(By cell, String value) {
        WebElement input = browser.find(cell);
        input.clear();
        input.sendKeys(value, Keys.TAB);
    }
}
