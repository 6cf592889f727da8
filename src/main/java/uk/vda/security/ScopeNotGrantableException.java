package uk.vda.security;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A key asked to grant scopes it may not grant: 403, naming them. */
class ScopeNotGrantableException extends ErrorResponseException {
    ScopeNotGrantableException(List<String> refused) {
        super(HttpStatus.FORBIDDEN, problem(refused), null);
    }

    private static ProblemDetail problem(List<String> refused) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.FORBIDDEN,
                "This key may not grant " + refused
                        + ": a key grants only scopes it holds itself, and admin and rules:code only the bootstrap key or the "
                        + "keys command grant.");
        problem.setTitle("Scope not grantable");
        problem.setProperty("refused", refused);
        return problem;
    }
}
