package uk.vda.authzen;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import uk.vda.authzen.AccessEvaluationRequest.Action;
import uk.vda.authzen.AccessEvaluationRequest.Context;
import uk.vda.authzen.AccessEvaluationRequest.Resource;
import uk.vda.authzen.AccessEvaluationRequest.Subject;

/**
 * An AuthZEN Access Evaluations request (Authorization API 1.0, section 7.1): the top-level subject, resource,
 * action and context are defaults that each evaluation overrides member by member.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(description = "AuthZEN Access Evaluations request: several evaluations at once, with top-level defaults.")
record AccessEvaluationsRequest(
        @Schema(description = "Default subject for every evaluation that has none.")
        Subject subject,

        @Schema(description = "Default resource for every evaluation that has none.")
        Resource resource,

        @Schema(description = "Default action for every evaluation that has none.")
        Action action,

        @Schema(description = "Default context for every evaluation that has none.")
        Context context,

        @Schema(
                description =
                        "The evaluations, answered in this order. Absent or empty: the top level is one evaluation.")
        List<AccessEvaluationRequest> evaluations,

        @Schema(description = "How the evaluations are run.")
        Options options) {

    /** The top level as an evaluation: the defaults, or the one evaluation when there is no evaluations array. */
    AccessEvaluationRequest defaults() {
        return new AccessEvaluationRequest(subject, resource, action, context);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(description = "AuthZEN evaluation options.")
    record Options(
            @JsonProperty("evaluations_semantic")
            @Schema(
                    description =
                            "execute_all (the default): every evaluation is answered; deny_on_first_deny: stop after "
                                    + "the first false; permit_on_first_permit: stop after the first true.",
                    allowableValues = {"execute_all", "deny_on_first_deny", "permit_on_first_permit"})
            String evaluationsSemantic) {}
}
