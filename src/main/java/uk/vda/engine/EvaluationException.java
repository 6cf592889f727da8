package uk.vda.engine;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The rules could not be run to the end. Callers must never turn this into a PERMIT; where one reaches the caller
 * it is a 503 naming what failed.
 */
public class EvaluationException extends ErrorResponseException {
    private final String reason;

    public EvaluationException(String message, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, problem(message), cause);
        this.reason = message;
    }

    /** What the rules threw, as this exception: itself when it is one already. */
    static EvaluationException of(RuntimeException thrown) {
        return thrown instanceof EvaluationException e
                ? e
                : new EvaluationException("the rules failed: " + thrown.getMessage(), thrown);
    }

    @Override
    public String getMessage() {
        return reason;
    }

    private static ProblemDetail problem(String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE, "The rules could not be evaluated, so no answer was given: " + message);
        problem.setTitle("Rules could not be evaluated");
        return problem;
    }
}
