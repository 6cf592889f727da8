package uk.vda.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

class RuleSetFailureAnalyzerTest {

    @Test
    void shouldReportABrokenRuleSetAsFileLineAndMessage() {
        RuleSetException cause = new RuleSetException(List.of(
                new RuleProblem(
                        "vetting/requirement.drl", 22, "DenyInsufficientVetting", "no viable alternative at input ')'"),
                new RuleProblem(
                        "vetting/minimum-vetting.csv",
                        14,
                        "MinimumVetting_SECRET_REGULAR_ANY",
                        "requires",
                        "SCC cannot be resolved")));

        FailureAnalysis analysis = new RuleSetFailureAnalyzer()
                .analyze(new BeanCreationException("policyEngine", "Constructor threw exception", cause));

        assertThat(analysis.getDescription()).isEqualTo("""
                The rule set could not be loaded, or does not pass its own tests:
                  vetting/requirement.drl:22 rule "DenyInsufficientVetting": no viable alternative at input ')'
                  vetting/minimum-vetting.csv:14 (column requires) rule "MinimumVetting_SECRET_REGULAR_ANY": SCC cannot be resolved
                """);
        assertThat(analysis.getAction()).startsWith("Fix the files named above");
    }
}
