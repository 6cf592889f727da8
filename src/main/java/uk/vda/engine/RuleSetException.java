package uk.vda.engine;

import java.util.List;
import java.util.stream.Collectors;

/** The rule set cannot be used: it does not compile, or a table or template is malformed. */
public class RuleSetException extends RuntimeException {
    private final transient List<RuleProblem> problems;

    public RuleSetException(List<RuleProblem> problems) {
        super(problems.stream().map(RuleProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
