package uk.vda.system;

import java.util.List;

/** A request the service refuses, with every problem found (not only the first); answered as 400 problem+json. */
public class InvalidRequestException extends RuntimeException {
    private final transient List<FieldProblem> problems;

    public InvalidRequestException(String message, List<FieldProblem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
