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

/** Runs every {@code rules/**}{@code /scenarios/*.json} against the real rules, and checks every rule is exercised. */
class ScenarioTest {
    private static final Path RULES = Path.of("rules");
    private static ScenarioRunner.Report report;

    @BeforeAll
    static void runScenarios() {
        PolicyEngine engine = PolicyEngine.over(RULES);
        DecisionService decisions = new DecisionService(engine, new Vocabulary(engine),
                Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC));
        report = new ScenarioRunner(decisions).runAll(RULES, engine.ruleSet().rules());
    }

    @TestFactory
    Stream<DynamicTest> scenariosGiveTheirExpectedAnswers() {
        return report.results().stream().map(result -> DynamicTest.dynamicTest(
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
