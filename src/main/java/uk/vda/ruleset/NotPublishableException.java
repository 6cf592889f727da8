package uk.vda.ruleset;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A rule set that cannot go live, because it was refused (it does not compile, or breaks the sandbox) or a test
 * fails: 409, naming the candidate or version and how many tests fail.
 */
class NotPublishableException extends ErrorResponseException {
    static final URI TYPE = URI.create("urn:vda:problem:not-publishable");
    private static final String CANDIDATES_ONLY =
            " Only a candidate that compiles and passes every test can be published: fix it and upload it again.";

    private NotPublishableException(ProblemDetail problem) {
        super(HttpStatus.CONFLICT, problem, null);
    }

    /** A candidate that was refused: nothing of it was compiled or tested. */
    static NotPublishableException refused(String candidate) {
        ProblemDetail problem = problem("This candidate cannot be published: it was refused (see its problems: code "
                + "the sandbox does not allow, a table cell of the wrong type, or a compile error)." + CANDIDATES_ONLY);
        problem.setProperty("candidate", candidate);
        return new NotPublishableException(problem);
    }

    /** A candidate that compiles but fails {@code failed} of its tests. */
    static NotPublishableException failing(String candidate, String version, int failed) {
        ProblemDetail problem =
                problem("This candidate cannot be published: " + failed + " test(s) fail." + CANDIDATES_ONLY);
        problem.setProperty("candidate", candidate);
        problem.setProperty("version", version);
        problem.setProperty("failed", failed);
        return new NotPublishableException(problem);
    }

    /** A version asked to go live (a rollback, or a stored candidate) whose tests fail. */
    static NotPublishableException version(String version, int failed) {
        ProblemDetail problem = problem("The version " + version + " cannot be made live: " + failed
                + " test(s) fail. Only a rule set that passes its tests can answer.");
        problem.setProperty("version", version);
        problem.setProperty("failed", failed);
        return new NotPublishableException(problem);
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setType(TYPE);
        problem.setTitle("Rule set cannot be made live");
        return problem;
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
