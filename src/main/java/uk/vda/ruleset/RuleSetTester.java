package uk.vda.ruleset;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import uk.vda.catalogue.Vocabulary;
import uk.vda.decision.DecisionService;
import uk.vda.engine.PolicyEngine;
import uk.vda.engine.RuleProblem;
import uk.vda.vetting.AssessmentService;

/**
 * Tests a rule set the one way everyone uses: table checks, every scenario beside the rules, and coverage (every
 * rule, table rows included, fired by some scenario). The build, the policy staff's command, candidates and hot
 * reload all call this, so "the rules pass" means the same everywhere.
 */
public final class RuleSetTester {
    private RuleSetTester() {}

    @Schema(description = "What testing a rule set found.")
    public record Report(
            @Schema(description = "The rule set's version.") String version,

            @Schema(description = "Table checks: errors and warnings.")
            List<TableChecks.Finding> tableFindings,

            @Schema(description = "One result per scenario.")
            List<ScenarioResult> scenarios,

            @Schema(description = "Rules (table rows included) that no scenario fires.")
            List<String> neverFired,

            @Schema(
                    description =
                            "Scenario answers that say two things consistency/contradictions.csv forbids together: "
                                    + "warnings here (they do not stop publishing); the build fails on them.")
            List<TableChecks.Finding> contradictions,

            @Schema(description = "Scenarios passed.") int passed,

            @Schema(description = "Scenarios failed, plus one for table errors and one for coverage gaps.")
            int failed) {
        public boolean ok() {
            return failed == 0;
        }

        /** Why it fails, one problem each: table errors, failing scenarios, rules no scenario fires. */
        public List<RuleProblem> problems() {
            List<RuleProblem> problems = new ArrayList<>();
            tableFindings.stream()
                    .filter(f -> f.severity().equals("ERROR"))
                    .forEach(f -> problems.add(new RuleProblem(f.file(), f.line(), null, f.column(), f.message())));
            scenarios.stream()
                    .filter(s -> !s.passed())
                    .forEach(s -> problems.add(
                            new RuleProblem(s.file(), 0, null, "FAIL " + String.join("; ", s.mismatches()))));
            neverFired.forEach(r -> problems.add(new RuleProblem("(scenarios)", 0, r, "no scenario fires this rule")));
            return problems;
        }
    }

    @Schema(description = "One scenario's outcome.")
    public record ScenarioResult(
            @Schema(description = "The scenario file.") String file,
            @Schema(description = "What it checks.") String description,

            @Schema(description = "True when the answer matched.")
            boolean passed,

            @Schema(description = "Expected against actual, one line per difference.")
            List<String> mismatches) {}

    public static Report test(PolicyEngine engine, Clock clock) {
        Vocabulary vocabulary = new Vocabulary(engine);
        ScenarioRunner runner = new ScenarioRunner(
                new DecisionService(engine, vocabulary, clock), new AssessmentService(engine, vocabulary, clock));
        List<TableChecks.Finding> findings = TableChecks.check(engine.ruleSet());
        ScenarioRunner.Report report = runner.runAll(engine.ruleSet());
        List<ScenarioResult> results = report.results().stream()
                .map(r -> new ScenarioResult(r.file(), r.description(), r.passed(), r.mismatches()))
                .toList();
        int passed = (int) results.stream().filter(ScenarioResult::passed).count();
        int failed = results.size()
                - passed
                + (TableChecks.hasErrors(findings) ? 1 : 0)
                + (report.neverFired().isEmpty() ? 0 : 1);
        List<TableChecks.Finding> contradictions = report.results().stream()
                .flatMap(r -> r.contradictions().stream())
                .toList();
        return new Report(
                engine.ruleSet().version(), findings, results, report.neverFired(), contradictions, passed, failed);
    }
}
