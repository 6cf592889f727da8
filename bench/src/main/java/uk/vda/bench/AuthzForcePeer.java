package uk.vda.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.ow2.authzforce.core.pdp.api.AttributeFqn;
import org.ow2.authzforce.core.pdp.api.AttributeFqns;
import org.ow2.authzforce.core.pdp.api.DecisionRequestBuilder;
import org.ow2.authzforce.core.pdp.api.DecisionResult;
import org.ow2.authzforce.core.pdp.api.PepAction;
import org.ow2.authzforce.core.pdp.api.PepActionAttributeAssignment;
import org.ow2.authzforce.core.pdp.api.value.Bags;
import org.ow2.authzforce.core.pdp.api.value.BooleanValue;
import org.ow2.authzforce.core.pdp.api.value.StandardDatatypes;
import org.ow2.authzforce.core.pdp.api.value.StringValue;
import org.ow2.authzforce.core.pdp.impl.BasePdpEngine;
import org.ow2.authzforce.core.pdp.impl.PdpEngineConfiguration;

import oasis.names.tc.xacml._3_0.core.schema.wd_17.DecisionType;
import uk.vda.decision.DecisionRequest;
import uk.vda.parts.VettingInput;
import uk.vda.policy.Effect;
import uk.vda.policy.VettingLevel;

/**
 * Peer engine: AuthzForce CE (an XACML 3.0 PDP in Java) with the default policy written in XACML in
 * {@code authzforce/policy.xml}, loaded through {@code authzforce/pdp.xml}. This class maps a question to XACML
 * attributes through AuthzForce's native request builder (no XML or JSON on the way) and reads the decision and the
 * {@code required-vetting} advice back. Like the Cedar peer, it precomputes whether each clearance is in date
 * ({@link CedarPeer#inDate}): the two peers see the same facts.
 */
final class AuthzForcePeer {
    static final String CONFIGURATION = "classpath:authzforce/pdp.xml";

    private static final String SUBJECT = "urn:oasis:names:tc:xacml:1.0:subject-category:access-subject";
    private static final String RESOURCE = "urn:oasis:names:tc:xacml:3.0:attribute-category:resource";
    private static final String ACTION = "urn:oasis:names:tc:xacml:3.0:attribute-category:action";
    private static final String ENVIRONMENT = "urn:oasis:names:tc:xacml:3.0:attribute-category:environment";

    private static final AttributeFqn ROLES = fqn(SUBJECT, "urn:vda:person:roles");
    private static final AttributeFqn ORGANISATION = fqn(SUBJECT, "urn:vda:person:organisation");
    private static final AttributeFqn NATIONALITIES = fqn(SUBJECT, "urn:vda:person:nationalities");
    private static final AttributeFqn CLEARANCES = fqn(SUBJECT, "urn:vda:person:clearances");
    private static final AttributeFqn MARKING = fqn(RESOURCE, "urn:vda:document:marking");
    private static final AttributeFqn CODEWORD = fqn(RESOURCE, "urn:vda:document:codeword");
    private static final AttributeFqn CAVEATS = fqn(RESOURCE, "urn:vda:document:caveats");
    private static final AttributeFqn CATEGORY = fqn(RESOURCE, "urn:vda:document:category");
    private static final AttributeFqn OWNER = fqn(RESOURCE, "urn:vda:document:owner");
    private static final AttributeFqn FREQUENCY = fqn(ENVIRONMENT, "urn:vda:access:frequency");
    private static final AttributeFqn VIA = fqn(ENVIRONMENT, "urn:vda:access:via");
    private static final AttributeFqn ACTION_ID = fqn(ACTION, "urn:oasis:names:tc:xacml:1.0:action:action-id");
    private static final String REQUIRED_VETTING_ADVICE = "urn:vda:advice:required-vetting";

    private final BasePdpEngine pdp;

    AuthzForcePeer() {
        try {
            pdp = new BasePdpEngine(PdpEngineConfiguration.getInstance(CONFIGURATION));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("AuthzForce: " + CONFIGURATION + ": " + e.getMessage(), e);
        }
    }

    /** The decision and the vetting needed, as the reference gives them. */
    ReferencePolicy.Answer decide(DecisionRequest q) {
        DecisionResult view = ask(q, "view");
        Effect decision = effect(view, q);
        VettingLevel required = requiredVetting(view);
        if (required == null) {
            // DENY decided only by rules that say nothing about vetting: ask for the matrix row alone.
            DecisionResult classify = ask(q, "classify");
            required = requiredVetting(classify);
            if (effect(classify, q) != Effect.PERMIT || required == null) {
                throw new IllegalStateException("AuthzForce: no minimum-vetting row applies to " + q);
            }
        }
        return new ReferencePolicy.Answer(decision, required);
    }

    /** The disclosure decision alone: one request. */
    Effect decisionOnly(DecisionRequest q) {
        return effect(ask(q, "view"), q);
    }

    private static Effect effect(DecisionResult result, DecisionRequest q) {
        DecisionType decision = result.getDecision();
        if (decision == DecisionType.PERMIT) {
            return Effect.PERMIT;
        }
        if (decision == DecisionType.DENY) {
            return Effect.DENY;
        }
        // NotApplicable or Indeterminate means the policy does not cover the question or failed on it: refuse.
        throw new IllegalStateException("AuthzForce answered " + decision + " "
                + result.getCauseForIndeterminate().map(Throwable::getMessage).orElse("") + " for " + q);
    }

    private static VettingLevel requiredVetting(DecisionResult result) {
        VettingLevel found = null;
        for (PepAction action : result.getPepActions()) {
            if (!action.getId().equals(REQUIRED_VETTING_ADVICE)) {
                continue;
            }
            for (PepActionAttributeAssignment<?> assignment : action.getAttributeAssignments()) {
                VettingLevel level = VettingLevel.valueOf(((StringValue) assignment.getValue()).getUnderlyingValue());
                if (found != null && found != level) {
                    throw new IllegalStateException("AuthzForce: two vetting levels in one answer: " + result.getPepActions());
                }
                found = level;
            }
        }
        return found;
    }

    private DecisionResult ask(DecisionRequest q, String action) {
        var person = q.person();
        var document = q.document();
        DecisionRequestBuilder<?> request = pdp.newRequestBuilder(4, 11);
        request.putNamedAttributeIfAbsent(ROLES, strings(person.roles()));
        request.putNamedAttributeIfAbsent(ORGANISATION, one(person.organisation().name()));
        request.putNamedAttributeIfAbsent(NATIONALITIES, strings(person.nationalities()));
        List<String> clearances = new ArrayList<>();
        for (VettingInput v : person.vetting() == null ? List.<VettingInput>of() : person.vetting()) {
            String held = v.level().name() + ":" + v.status().name();
            clearances.add(held);
            clearances.add(held + (CedarPeer.inDate(v, q.asOf()) ? ":IN_DATE" : ":OUT_OF_DATE"));
        }
        request.putNamedAttributeIfAbsent(CLEARANCES, strings(clearances));
        request.putNamedAttributeIfAbsent(MARKING, one(document.marking().name()));
        request.putNamedAttributeIfAbsent(CODEWORD, Bags.singletonAttributeBag(StandardDatatypes.BOOLEAN,
                BooleanValue.valueOf(Boolean.TRUE.equals(document.codeword()))));
        request.putNamedAttributeIfAbsent(CAVEATS, strings(document.caveats()));
        if (document.category() != null) {
            request.putNamedAttributeIfAbsent(CATEGORY, one(document.category()));
        }
        if (document.owner() != null) {
            request.putNamedAttributeIfAbsent(OWNER, one(document.owner().name()));
        }
        if (q.access() != null && q.access().frequency() != null) {
            request.putNamedAttributeIfAbsent(FREQUENCY, one(q.access().frequency().name()));
        }
        if (q.access() != null && q.access().via() != null) {
            request.putNamedAttributeIfAbsent(VIA, one(q.access().via().name()));
        }
        request.putNamedAttributeIfAbsent(ACTION_ID, one(action));
        return pdp.evaluate(request.build(false));
    }

    private static AttributeFqn fqn(String category, String id) {
        return AttributeFqns.newInstance(category, Optional.empty(), id);
    }

    private static org.ow2.authzforce.core.pdp.api.value.AttributeBag<StringValue> one(String value) {
        return Bags.singletonAttributeBag(StandardDatatypes.STRING, new StringValue(value));
    }

    private static org.ow2.authzforce.core.pdp.api.value.AttributeBag<StringValue> strings(List<String> values) {
        List<StringValue> out = new ArrayList<>();
        for (String s : values == null ? List.<String>of() : values) {
            out.add(new StringValue(s));
        }
        return Bags.newAttributeBag(StandardDatatypes.STRING, out);
    }
}
