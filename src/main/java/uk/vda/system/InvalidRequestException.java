package uk.vda.system;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request the service refuses, with every problem found (not only the first): 400 problem+json of type
 * {@code urn:vda:problem:invalid-request} whose {@code errors} name each field. At most {@link #LISTED} are listed,
 * {@code errorsNotListed} counting the rest, so a huge bad batch or roster does not get a huge answer.
 */
public class InvalidRequestException extends ErrorResponseException {
    static final URI TYPE = URI.create("urn:vda:problem:invalid-request");
    /** The most problems one answer lists. */
    public static final int LISTED = 100;

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

    /**
     * Every problem found in a request of many parts ({@code what}: "batch", "roster"), the detail counting them and
     * naming the first: "3 problem(s) in the batch; the first: ... (pairs[1].person.roles[0])", or for a CSV upload
     * with its spreadsheet row: "... (row 3, roles)".
     */
    public static InvalidRequestException in(String what, List<FieldProblem> problems) {
        FieldProblem first = problems.get(0);
        String where = first.row() == null ? first.field() : "row " + first.row() + ", " + first.field();
        return new InvalidRequestException(
                problems.size() + " problem(s) in the " + what + "; the first: " + first.message() + " (" + where + ")",
                problems);
    }

    /** Every problem found, listed or not. */
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
        problem.setProperty("errors", List.copyOf(problems.subList(0, Math.min(LISTED, problems.size()))));
        if (problems.size() > LISTED) {
            problem.setProperty("errorsNotListed", problems.size() - LISTED);
        }
        return problem;
    }
}
