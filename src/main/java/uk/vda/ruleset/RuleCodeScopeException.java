package uk.vda.ruleset;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import uk.vda.security.Scope;

/** A candidate changes rule code (.drl, .drt) and the key lacks rules:code: 403, naming the files and the scope. */
class RuleCodeScopeException extends ErrorResponseException {

    RuleCodeScopeException(List<String> codeFiles) {
        super(HttpStatus.FORBIDDEN, problem(codeFiles), null);
    }

    private static ProblemDetail problem(List<String> codeFiles) {
        String scope = Scope.RULES_CODE.value();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.FORBIDDEN,
                "Changing rule code (" + String.join(", ", codeFiles) + ") needs the scope " + scope
                        + ", held by administrators; " + Scope.RULES_WRITE.value()
                        + " may change tables (.csv), scenarios (.json) and notes (.md).");
        problem.setType(URI.create("urn:vda:problem:rule-code-scope"));
        problem.setTitle("Rule code needs the scope " + scope);
        problem.setProperty("codeFiles", List.copyOf(codeFiles));
        problem.setProperty("scope", scope);
        return problem;
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
