package uk.vda.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import uk.vda.catalogue.Vocabulary;
import uk.vda.decision.DecisionService;
import uk.vda.engine.PolicyEngine;
import uk.vda.vetting.AssessmentService;

/** Runs every {@code rules/**}{@code /scenarios/*.json} against the real rules, and checks every rule is exercised. */
class ScenarioTest {
    private static final Path RULES = Path.of("rules");
    private static ScenarioRunner.Report report;

    @BeforeAll
    static void runScenarios() {
        PolicyEngine engine = PolicyEngine.over(RULES);
        Clock clock = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
        Vocabulary vocabulary = new Vocabulary(engine);
        report = new ScenarioRunner(
                        new DecisionService(engine, vocabulary, clock),
                        new AssessmentService(engine, vocabulary, clock))
                .runAll(engine.ruleSet());
    }

    @TestFactory
    Stream<DynamicTest> scenariosGiveTheirExpectedAnswers() {
        return report.results().stream()
                .map(result -> DynamicTest.dynamicTest(
                        result.file() + " — " + result.description(),
                        () -> assertThat(result.mismatches()).as(result.file()).isEmpty()));
    }

    @Test
    void shouldHaveAtLeastFortyScenarios() {
        assertThat(report.results()).hasSizeGreaterThanOrEqualTo(40);
    }

    @Test
    void shouldFireEveryRuleInSomeScenario() {
        assertThat(report.neverFired()).as("rules that no scenario fires").isEmpty();
    }
}
