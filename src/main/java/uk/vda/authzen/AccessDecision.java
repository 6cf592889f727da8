package uk.vda.authzen;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * An AuthZEN Decision (Authorization API 1.0, section 5.5): {@code decision} is true exactly when the native
 * answer is PERMIT; {@code context} is the native answer without its PERMIT/DENY (reasons, vetting needed, the
 * decision id the audit record is filed under, and whatever else the native answer carries), or for an
 * evaluation of a batch that could not be answered, an {@code error}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "AuthZEN Decision: true exactly when the native answer is PERMIT.")
record AccessDecision(
        @Schema(description = "true: the person may see the document; false: they may not.")
        boolean decision,

        @Schema(
                type = "object",
                description = "The native answer's explanation: decisionId, requiredVetting, "
                        + "effectiveVetting, reasons, conditions, alternatives, recommendations, missingFacts, ruleSet…; "
                        + "or error {status, message, errors} for an evaluation of a batch that could not be answered.")
        ObjectNode context) {

    /** The AuthZEN Access Evaluations response: one decision per evaluation, in order. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(
            description = "AuthZEN Access Evaluations response: one decision per evaluation answered, in order. "
                    + "A request without evaluations is answered like a single evaluation (decision and context).")
    record Evaluations(
            @Schema(description = "Only when the request had no evaluations.")
            Boolean decision,

            @Schema(type = "object", description = "Only when the request had no evaluations.")
            ObjectNode context,

            @Schema(description = "The decisions, in the order of the request's evaluations.")
            List<AccessDecision> evaluations) {

        static Evaluations single(AccessDecision decision) {
            return new Evaluations(decision.decision(), decision.context(), null);
        }

        static Evaluations of(List<AccessDecision> decisions) {
            return new Evaluations(null, null, List.copyOf(decisions));
        }
    }
}
