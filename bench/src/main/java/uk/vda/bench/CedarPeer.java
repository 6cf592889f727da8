package uk.vda.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.cedarpolicy.AuthorizationEngine;
import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.AuthorizationSuccessResponse;
import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.model.exception.AuthException;
import com.cedarpolicy.model.exception.CacheException;
import com.cedarpolicy.model.exception.InternalException;
import com.cedarpolicy.model.policy.Policy;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.value.CedarList;
import com.cedarpolicy.value.EntityTypeName;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.PrimBool;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import uk.vda.decision.DecisionRequest;
import uk.vda.parts.VettingInput;
import uk.vda.policy.ClearanceStatus;
import uk.vda.policy.Effect;
import uk.vda.policy.VettingLevel;

/**
 * Peer engine: Cedar (cedar-java, the Rust evaluator through JNI) with the default policy written in Cedar in
 * {@code cedar/policy.cedar}. This class only maps a question to Cedar entities and reads the answer back; the one
 * thing it computes is whether each clearance is in date (see {@link #inDate}), because Cedar has no calendar-year
 * arithmetic and cannot quantify over a set of records. Every call maps the question afresh: that mapping is part
 * of what a caller of Cedar pays, as the service pays for turning a request into facts.
 */
final class CedarPeer {
    static final String POLICY_RESOURCE = "/cedar/policy.cedar";

    private static final EntityTypeName PERSON = EntityTypeName.parse("Person").orElseThrow();
    private static final EntityTypeName DOCUMENT = EntityTypeName.parse("Document").orElseThrow();
    private static final EntityTypeName ACTION = EntityTypeName.parse("Action").orElseThrow();
    private static final EntityUID VIEW = ACTION.of("view");
    private static final EntityUID CLASSIFY = ACTION.of("classify");

    /**
     * Validity in calendar years from grantedOn when no review date is given (rules/vetting/vetting-levels.csv,
     * column validityYears; 0: no fixed expiry). Used only for the precomputed IN_DATE token.
     */
    private static final Map<VettingLevel, Integer> VALIDITY_YEARS = Map.ofEntries(
            Map.entry(VettingLevel.NONE, 0), Map.entry(VettingLevel.BPSS, 0), Map.entry(VettingLevel.CTC, 10),
            Map.entry(VettingLevel.SC, 10), Map.entry(VettingLevel.DV, 7), Map.entry(VettingLevel.RV, 10),
            Map.entry(VettingLevel.MV, 10), Map.entry(VettingLevel.NPPV1, 3), Map.entry(VettingLevel.NPPV2_ABBREVIATED, 3),
            Map.entry(VettingLevel.NPPV2_FULL, 3), Map.entry(VettingLevel.NPPV3, 5));

    /** Months past its review date a clearance in renewal still counts (rules/vetting/clearances.drl). */
    private static final int RENEWAL_GRACE_MONTHS = 6;

    private final AuthorizationEngine engine = new BasicAuthorizationEngine();
    private final PolicySet policies;
    /** Policy id → the vetting level its {@code @requires} annotation names (the matrix and vetting forbids). */
    private final Map<String, VettingLevel> requires = new HashMap<>();

    CedarPeer() {
        String source;
        try (InputStream in = CedarPeer.class.getResourceAsStream(POLICY_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(POLICY_RESOURCE + " is not on the classpath");
            }
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try {
            policies = PolicySet.parsePolicies(source);
            for (Policy policy : policies.policies) {
                String level = policy.getAnnotations().get("requires");
                if (level != null) {
                    requires.put(policy.getID(), VettingLevel.valueOf(level));
                }
            }
            // Parse once in the native library and reuse it on every call, as a long-running caller would.
            policies.cache();
        } catch (InternalException | CacheException e) {
            throw new IllegalStateException("cedar/policy.cedar: " + e.getMessage(), e);
        }
        if (requires.isEmpty()) {
            throw new IllegalStateException("cedar/policy.cedar has no @requires policies");
        }
    }

    int policyCount() {
        return policies.getNumPolicies();
    }

    /** The decision and the vetting needed, as the reference gives them. */
    ReferencePolicy.Answer decide(DecisionRequest q) {
        Mapped m = map(q);
        AuthorizationSuccessResponse view = ask(m, VIEW);
        Effect decision = view.isAllowed() ? Effect.PERMIT : Effect.DENY;
        VettingLevel required = levelOf(view);
        if (required == null) {
            // DENY decided only by forbids that say nothing about vetting: ask for the matrix row alone.
            AuthorizationSuccessResponse classify = ask(m, CLASSIFY);
            required = levelOf(classify);
            if (!classify.isAllowed() || required == null) {
                throw new IllegalStateException("Cedar: no minimum-vetting row applies to " + q);
            }
        }
        return new ReferencePolicy.Answer(decision, required);
    }

    /** The disclosure decision alone: one Cedar request. */
    Effect decisionOnly(DecisionRequest q) {
        return ask(map(q), VIEW).isAllowed() ? Effect.PERMIT : Effect.DENY;
    }

    private VettingLevel levelOf(AuthorizationSuccessResponse response) {
        VettingLevel found = null;
        for (String id : response.getReason()) {
            VettingLevel level = requires.get(id);
            if (level != null) {
                if (found != null && found != level) {
                    throw new IllegalStateException("Cedar: two vetting levels determine one answer: " + response.getReason());
                }
                found = level;
            }
        }
        return found;
    }

    private AuthorizationSuccessResponse ask(Mapped m, EntityUID action) {
        AuthorizationResponse response;
        try {
            response = engine.isAuthorized(new AuthorizationRequest(m.principal, action, m.resource, m.context), policies, m.entities);
        } catch (AuthException e) {
            throw new IllegalStateException("Cedar: " + e.getMessage(), e);
        }
        AuthorizationSuccessResponse success = response.success.orElseThrow(
                () -> new IllegalStateException("Cedar failed: " + response));
        // A policy that errors is skipped by Cedar, which could turn a forbid into a silent PERMIT: refuse instead.
        if (!success.getErrors().isEmpty()) {
            throw new IllegalStateException("Cedar evaluation errors: " + success.getErrors());
        }
        return success;
    }

    private record Mapped(EntityUID principal, EntityUID resource, Map<String, Value> context, Set<Entity> entities) {
    }

    private static Mapped map(DecisionRequest q) {
        var person = q.person();
        var document = q.document();
        Map<String, Value> personAttrs = new HashMap<>();
        personAttrs.put("roles", strings(person.roles()));
        personAttrs.put("organisation", new PrimString(person.organisation().name()));
        personAttrs.put("nationalities", strings(person.nationalities()));
        CedarList clearances = new CedarList();
        for (VettingInput v : person.vetting() == null ? List.<VettingInput>of() : person.vetting()) {
            String held = v.level().name() + ":" + v.status().name();
            clearances.add(new PrimString(held));
            clearances.add(new PrimString(held + (inDate(v, q.asOf()) ? ":IN_DATE" : ":OUT_OF_DATE")));
        }
        personAttrs.put("clearances", clearances);
        EntityUID principal = PERSON.of(person.id() == null ? "person" : person.id());

        Map<String, Value> documentAttrs = new HashMap<>();
        documentAttrs.put("marking", new PrimString(document.marking().name()));
        documentAttrs.put("codeword", new PrimBool(Boolean.TRUE.equals(document.codeword())));
        documentAttrs.put("caveats", strings(document.caveats()));
        if (document.category() != null) {
            documentAttrs.put("category", new PrimString(document.category()));
        }
        if (document.owner() != null) {
            documentAttrs.put("owner", new PrimString(document.owner().name()));
        }
        EntityUID resource = DOCUMENT.of(document.id() == null ? "document" : document.id());

        Map<String, Value> context = new HashMap<>();
        if (q.access() != null && q.access().frequency() != null) {
            context.put("frequency", new PrimString(q.access().frequency().name()));
        }
        if (q.access() != null && q.access().via() != null) {
            context.put("via", new PrimString(q.access().via().name()));
        }
        Set<Entity> entities = Set.of(new Entity(principal, personAttrs, Set.of()), new Entity(resource, documentAttrs, Set.of()));
        return new Mapped(principal, resource, context, entities);
    }

    /**
     * PRECOMPUTED for Cedar (it has no calendar arithmetic): the clearance is in date on {@code asOf}. A grant date
     * after asOf is never in date. In renewal: a review date given and no more than the grace period
     * (rules/vetting/clearances.drl, 6 months) past. Otherwise, with a review date, it is not passed; without one,
     * the level has no fixed term, or grantedOn plus the level's term in calendar years is not passed (no grant
     * date: not in date). Whether the status lets it count is left to the policy.
     */
    static boolean inDate(VettingInput v, LocalDate asOf) {
        if (v.grantedOn() != null && v.grantedOn().isAfter(asOf)) {
            return false;
        }
        if (v.status() == ClearanceStatus.IN_RENEWAL) {
            return v.reviewDue() != null && !v.reviewDue().plusMonths(RENEWAL_GRACE_MONTHS).isBefore(asOf);
        }
        if (v.reviewDue() != null) {
            return !v.reviewDue().isBefore(asOf);
        }
        int years = VALIDITY_YEARS.get(v.level());
        if (years == 0) {
            return true;
        }
        return v.grantedOn() != null && !v.grantedOn().plusYears(years).isBefore(asOf);
    }

    private static CedarList strings(List<String> values) {
        List<Value> out = new ArrayList<>();
        for (String s : values == null ? List.<String>of() : values) {
            out.add(new PrimString(s));
        }
        return new CedarList(out);
    }
}
