package uk.vda.authzen;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The OpenID AuthZEN Authorization API 1.0 door to the disclosure decision, for enforcement points (gateways,
 * identity products) that speak it: Access Evaluation, Access Evaluations and the discovery document. Same key
 * ({@code X-API-Key}, scope {@code decide}), limits and audit record as {@code POST /api/v1/decisions}.
 */
@RestController
@Tag(
        name = "AuthZEN",
        description = "OpenID AuthZEN Authorization API 1.0: the same disclosure decision for enforcement points")
class AuthZenController {
    static final String EVALUATION = "/access/v1/evaluation";
    static final String EVALUATIONS = "/access/v1/evaluations";
    static final String CONFIGURATION = "/.well-known/authzen-configuration";

    private final AccessEvaluator evaluator;
    private final AuthZenProperties properties;

    AuthZenController(AccessEvaluator evaluator, AuthZenProperties properties) {
        this.evaluator = evaluator;
        this.properties = properties;
    }

    @SecurityRequirement(name = "apiKey", scopes = "decide")
    @PostMapping(
            path = EVALUATION,
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "AuthZEN Access Evaluation: may this person read this document?",
            description = "subject {type: person, id, properties: the native person}, resource {type: document, id, "
                    + "properties: the native document}, action {name: read, properties: the native access}, context "
                    + "{asOf}. decision is true exactly when POST /api/v1/decisions answers PERMIT; context carries that "
                    + "answer's explanation. Bad input: 400 problem+json naming the AuthZEN field.")
    AccessDecision evaluation(@RequestBody AccessEvaluationRequest request) {
        return evaluator.evaluate(request, EVALUATION);
    }

    @SecurityRequirement(name = "apiKey", scopes = "decide")
    @PostMapping(
            path = EVALUATIONS,
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "AuthZEN Access Evaluations: several evaluations at once",
            description = "Top-level subject, resource, action and context are defaults each evaluation overrides. "
                    + "options.evaluations_semantic: execute_all (default), deny_on_first_deny, permit_on_first_permit. "
                    + "Each evaluation is a decision with its own audit record.")
    AccessDecision.Evaluations evaluations(@RequestBody AccessEvaluationsRequest request) {
        return evaluator.evaluateAll(request, EVALUATIONS);
    }

    // Public (SecurityConfiguration); a class-level requirement would win over this empty one.
    @SecurityRequirements
    @GetMapping(path = CONFIGURATION, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "AuthZEN Policy Decision Point metadata (discovery)",
            description =
                    "No key needed. policy_decision_point is advisor.authzen.policy-decision-point, or the address asked at.")
    ResponseEntity<PdpMetadata> configuration() {
        String base = properties.policyDecisionPoint().isBlank()
                ? ServletUriComponentsBuilder.fromCurrentContextPath().toUriString()
                : properties.policyDecisionPoint();
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
                .body(PdpMetadata.at(base));
    }
}
