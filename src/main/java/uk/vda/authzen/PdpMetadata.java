package uk.vda.authzen;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The AuthZEN Policy Decision Point metadata (Authorization API 1.0, section 9), served at
 * {@code /.well-known/authzen-configuration}. Only the endpoints served are listed: the spec reads an absent
 * endpoint as "not supported", so the search endpoints are left out.
 */
@Schema(description = "AuthZEN Policy Decision Point metadata.")
record PdpMetadata(
        @JsonProperty("policy_decision_point") @Schema(description = "This PDP's identifier: its base URL.")
        String policyDecisionPoint,

        @JsonProperty("access_evaluation_endpoint") @Schema(description = "URL of the Access Evaluation API.")
        String accessEvaluationEndpoint,

        @JsonProperty("access_evaluations_endpoint") @Schema(description = "URL of the Access Evaluations API.")
        String accessEvaluationsEndpoint) {

    static PdpMetadata at(String base) {
        String root = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return new PdpMetadata(root, root + AuthZenController.EVALUATION, root + AuthZenController.EVALUATIONS);
    }
}
