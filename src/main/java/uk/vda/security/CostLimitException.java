package uk.vda.security;

import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request needs more rule evaluations than one request may (413), or than its client has left (429 with
 * Retry-After). The problem names the cost, the limit and, for 429, what is left and when to try again.
 */
public class CostLimitException extends ErrorResponseException {
    private final HttpHeaders headers = new HttpHeaders();

    private CostLimitException(HttpStatus status, ProblemDetail problem) {
        super(status, problem, null);
    }

    static CostLimitException tooCostly(String what, long cost, long limit) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.CONTENT_TOO_LARGE,
                "This " + what + " needs up to " + cost + " rule evaluations; one request may need at most " + limit
                        + ". Send it in parts.");
        problem.setTitle("Request too costly");
        problem.setType(URI.create("urn:vda:problem:request-too-costly"));
        problem.setProperty("cost", cost);
        problem.setProperty("limit", limit);
        return new CostLimitException(HttpStatus.CONTENT_TOO_LARGE, problem);
    }

    static CostLimitException overAllowance(
            String what, long cost, long available, long perSecond, long burst, long waitSeconds) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.TOO_MANY_REQUESTS,
                "This " + what + " needs up to "
                        + cost + " rule evaluations and this client has " + available + " left; its allowance is "
                        + perSecond
                        + " a second, up to " + burst + " at once. Try again in " + waitSeconds + " s.");
        problem.setTitle("Too much work requested");
        problem.setType(URI.create("urn:vda:problem:cost-limit"));
        problem.setProperty("cost", cost);
        problem.setProperty("available", available);
        problem.setProperty("limitPerSecond", perSecond);
        problem.setProperty("burst", burst);
        CostLimitException e = new CostLimitException(HttpStatus.TOO_MANY_REQUESTS, problem);
        e.headers.set(HttpHeaders.RETRY_AFTER, Long.toString(waitSeconds));
        return e;
    }

    @Override
    public HttpHeaders getHeaders() {
        return headers;
    }
}
