package uk.vda.audit;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The audit trail cannot be written, so the answer must not be given (fail closed): 503 with Retry-After. The
 * message says what went wrong, for the log; the caller is told only that the answer cannot be recorded.
 */
public class AuditUnavailableException extends ErrorResponseException {
    private final String reason;

    public AuditUnavailableException(String message, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, problem(), cause);
        this.reason = message;
        getHeaders().set("Retry-After", "5");
    }

    @Override
    public String getMessage() {
        return reason;
    }

    private static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE,
                "The answer cannot be recorded in the audit trail, so it is not given. Try again shortly.");
        problem.setTitle("Audit trail unavailable");
        return problem;
    }
}
