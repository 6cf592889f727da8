package uk.vda.system;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request the service refuses, with every problem found (not only the first): 400 problem+json of type
 * {@code urn:vda:problem:invalid-request} whose {@code errors} name each field.
 */
public class InvalidRequestException extends ErrorResponseException {
    static final URI TYPE = URI.create("urn:vda:problem:invalid-request");

    private final transient List<FieldProblem> problems;

    public InvalidRequestException(String message, List<FieldProblem> problems) {
        super(HttpStatus.BAD_REQUEST, problem(message, problems), null);
        this.problems = List.copyOf(problems);
    }

    /** Every problem, the detail naming the first, as "message (field)". */
    public static InvalidRequestException of(List<FieldProblem> problems) {
        FieldProblem first = problems.get(0);
        return new InvalidRequestException(first.message() + " (" + first.field() + ")", problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    /** The detail the caller gets. */
    @Override
    public String getMessage() {
        return getBody().getDetail();
    }

    private static ProblemDetail problem(String message, List<FieldProblem> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, message);
        problem.setType(TYPE);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.copyOf(problems));
        return problem;
    }
}
