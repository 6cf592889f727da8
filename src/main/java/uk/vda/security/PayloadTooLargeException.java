package uk.vda.security;

import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;

/**
 * A request body without a declared length went past the limit while being read: 413. An {@link IOException},
 * since it is thrown from the body's stream; it carries its answer as an {@link ErrorResponse}.
 */
public class PayloadTooLargeException extends IOException implements ErrorResponse {
    private final transient ProblemDetail problem;

    public PayloadTooLargeException(long limit) {
        super("the request body is larger than the limit of " + limit + " bytes");
        problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.CONTENT_TOO_LARGE, "The body is larger than the limit here of " + limit + " bytes.");
        problem.setTitle("Request body too large");
    }

    @Override
    public HttpStatusCode getStatusCode() {
        return HttpStatus.CONTENT_TOO_LARGE;
    }

    @Override
    public ProblemDetail getBody() {
        return problem;
    }
}
