package uk.vda.engine;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a broken rule set at start-up into a short report of file, line and message instead of a stack trace. */
class RuleSetFailureAnalyzer extends AbstractFailureAnalyzer<RuleSetException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RuleSetException cause) {
        StringBuilder description =
                new StringBuilder("The rule set could not be loaded, or does not pass its own tests:\n");
        cause.problems().forEach(p -> description.append("  ").append(p).append('\n'));
        return new FailureAnalysis(
                description.toString(),
                "Fix the files named above (or point advisor.rules.path at a working rules folder) and start again.",
                cause);
    }
}
