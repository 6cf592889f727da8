package uk.vda.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.vda.TestRules;

/** The policy staff's command, as they run it: PASS/FAIL per scenario, coverage, and the closing count. */
class RulesCommandTest {

    private static List<String> run(Path rules, int expectedExit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = RulesCommand.run(
                new String[] {"rules", "test", rules.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(expectedExit);
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static Path copy(Path target) {
        return TestRules.copyInto(target);
    }

    @Test
    void shouldPassTheShippedRules() {
        List<String> lines = run(Path.of("rules"), 0);

        long scenarios = lines.stream().filter(l -> l.startsWith("PASS ")).count();
        assertThat(lines).noneMatch(l -> l.startsWith("FAIL "));
        assertThat(lines).contains("Coverage: every rule and table row is fired by some scenario.");
        assertThat(lines.get(lines.size() - 1)).isEqualTo(scenarios + " passed, 0 failed");
    }

    @Test
    void shouldListAnswersThatContradictThemselvesAsWarningsNamingTheScenarioAndTheRow(@TempDir Path dir)
            throws IOException {
        Path rules = copy(dir);
        Path table = rules.resolve("consistency/contradictions.csv");
        Files.writeString(
                table,
                Files.readString(table)
                        + "ukeo-and-french,text:UK EYES ONLY,text:\\[FR\\],A test row: the caveat named beside a French nationality.\n");
        int row = Files.readAllLines(table).size();

        List<String> lines = run(rules, 0);

        assertThat(lines).contains("Answers that contradict themselves (warnings here; the build fails on them):");
        assertThat(lines)
                .contains("  WARNING consistency/contradictions.csv:" + row + ": caveats/scenarios/"
                        + "analyst-french-national_uk-eyes-only_intelligence-report.json says [\"No — the document is UK EYES ONLY (British "
                        + "nationals only); the person's nationality [FR] is not among them.\"] beside [\"No — the document is UK EYES ONLY "
                        + "(British nationals only); the person's nationality [FR] is not among them.\"] (ukeo-and-french): A test row: "
                        + "the caveat named beside a French nationality.");
    }

    @Test
    void shouldShowExpectedAgainstActualWhenTheMatrixChanges(@TempDir Path dir) throws IOException {
        Path rules = copy(dir);
        Files.writeString(rules.resolve(ConfidentialNeedsSc.MATRIX), ConfidentialNeedsSc.matrix(rules));

        List<String> lines = run(rules, 1);

        int fail = lines.indexOf(
                "FAIL markings/scenarios/bcu-commander_confidential-regular_performance-report.json - "
                        + "Regular CONFIDENTIAL access needs BPSS by default (police RV meets it); police staff need no extra force vetting");
        assertThat(fail).isPositive();
        assertThat(lines.get(fail + 1).strip()).isEqualTo("decision: expected PERMIT, actual DENY");
        assertThat(lines.get(fail + 2).strip()).isEqualTo("requiredVetting: expected BPSS, actual SC");
        assertThat(lines.stream().filter(l -> l.startsWith("FAIL "))).hasSize(5);
        assertThat(lines.get(lines.size() - 1)).endsWith(" passed, 5 failed");
    }

    @Test
    void shouldReportAGapAndAnUncoveredRowAsFailures(@TempDir Path dir) throws IOException {
        Path rules = copy(dir);
        Path matrix = rules.resolve(ConfidentialNeedsSc.MATRIX);
        Files.writeString(
                matrix,
                Files.readString(matrix).replaceAll("(?m)^UNCLASSIFIED,ANY,ANY,.*\n", "")
                        + "OFFICIAL,ANY,YES,DV,Codeword OFFICIAL material needs DV.,test\n");

        List<String> lines = run(rules, 1);

        assertThat(lines)
                .anySatisfy(l -> assertThat(l)
                        .contains("ERROR vetting/minimum-vetting.csv")
                        .contains("gap: no row says what occasional access to UNCLASSIFIED material needs"));
        assertThat(lines)
                .anySatisfy(l ->
                        assertThat(l).startsWith("  MinimumVetting_OFFICIAL_ANY_YES  (vetting/minimum-vetting.csv"));
        assertThat(lines.get(lines.size() - 1)).endsWith(" failed").doesNotEndWith(" 0 failed");
    }

    @Test
    void shouldReportACompileErrorByFileAndLine(@TempDir Path dir) throws IOException {
        Path rules = copy(dir);
        Path drl = rules.resolve("vetting/requirement.drl");
        Files.writeString(
                drl,
                Files.readString(drl)
                        .replace("$ladder.rank(level) < $ladder.rank($needed))", "$ladder.rank(level) < )"));

        List<String> lines = run(rules, 1);

        assertThat(lines.get(1)).startsWith("  vetting/requirement.drl:24 rule \"DenyInsufficientVetting\"");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("0 passed, 1 failed");
    }
}
