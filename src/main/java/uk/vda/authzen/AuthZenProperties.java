package uk.vda.authzen;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The AuthZEN door's settings.
 *
 * @param policyDecisionPoint the PDP identifier published in the discovery document (an https URL, the address
 *                            enforcement points use); empty: the address the discovery document was asked at
 * @param maxEvaluations      most evaluations in one Access Evaluations request (400 beyond it): each is a
 *                            decision with its own audit record
 */
@ConfigurationProperties("advisor.authzen")
record AuthZenProperties(
        @DefaultValue("") String policyDecisionPoint,
        @DefaultValue("1000") int maxEvaluations) {}
