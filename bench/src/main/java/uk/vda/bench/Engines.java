package uk.vda.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import uk.vda.catalogue.Vocabulary;
import uk.vda.decision.DecisionCache;
import uk.vda.decision.DecisionRequest;
import uk.vda.decision.DecisionResponse;
import uk.vda.decision.DecisionService;
import uk.vda.engine.PolicyEngine;
import uk.vda.parts.ReasonView;
import uk.vda.policy.Effect;

/**
 * Every engine the benchmark times, built over the same default policy, and the agreement check that must pass
 * before any timing: on every question, the rules (uncached and cached), the hand-written reference and each peer
 * (Cedar, AuthzForce) give the same decision and the same vetting needed, and each peer's one-request decision
 * agrees too. The first
 * disagreeing question stops the run with both answers printed.
 *
 * <p>{@code main} runs the check alone (from the project root, which holds ./rules), without JMH.
 */
final class Engines {
    static final int QUESTIONS = 4096;
    static final long SEED = 20261128L;

    final List<DecisionRequest> questions = Inputs.generate(QUESTIONS, SEED);
    final DecisionService uncached;
    final DecisionService cached;
    final ReferencePolicy reference = new ReferencePolicy();
    final CedarPeer cedar = new CedarPeer();
    final AuthzForcePeer authzForce = new AuthzForcePeer();

    Engines() {
        this(Path.of("rules"));
    }

    /** Over another rules folder: another build's, when builds are compared side by side. */
    Engines(Path rules) {
        PolicyEngine engine = PolicyEngine.over(rules);
        Clock clock = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
        Vocabulary vocabulary = new Vocabulary(engine);
        uncached = new DecisionService(engine, vocabulary, clock);
        cached = new DecisionService(engine, vocabulary, clock, new DecisionCache(1_000_000));
    }

    /** The rules' part of {@link #checkAgreement}, without the peers: every question asked uncached, then cached. */
    void warmRules() {
        for (DecisionRequest q : questions) {
            uncached.decide(q);
            cached.decide(q);
        }
    }

    /** Throws on the first question where any two engines disagree; returns how many PERMITs there were. */
    int checkAgreement() {
        int permits = 0;
        for (int i = 0; i < questions.size(); i++) {
            DecisionRequest q = questions.get(i);
            DecisionResponse rules = uncached.decide(q);
            ReferencePolicy.Answer expected = new ReferencePolicy.Answer(rules.decision(), rules.requiredVetting());
            String rulesSaid = rules.decision() + "/" + rules.requiredVetting() + " reasons "
                    + rules.reasons().stream().map(ReasonView::rule).toList();
            DecisionResponse fromCache = cached.decide(q);
            same(i, q, rulesSaid, "rules from the cache", expected,
                    new ReferencePolicy.Answer(fromCache.decision(), fromCache.requiredVetting()));
            same(i, q, rulesSaid, "hand-written reference", expected, reference.decide(q));
            same(i, q, rulesSaid, "Cedar", expected, cedar.decide(q));
            same(i, q, rulesSaid, "AuthzForce", expected, authzForce.decide(q));
            Effect cedarDecision = cedar.decisionOnly(q);
            if (cedarDecision != rules.decision()) {
                throw disagreement(i, q, rulesSaid, "Cedar (decision only)", cedarDecision.toString());
            }
            Effect authzForceDecision = authzForce.decisionOnly(q);
            if (authzForceDecision != rules.decision()) {
                throw disagreement(i, q, rulesSaid, "AuthzForce (decision only)", authzForceDecision.toString());
            }
            if (rules.decision() == Effect.PERMIT) {
                permits++;
            }
        }
        return permits;
    }

    private static void same(int i, DecisionRequest q, String rulesSaid, String engine, ReferencePolicy.Answer expected,
            ReferencePolicy.Answer actual) {
        if (!expected.equals(actual)) {
            throw disagreement(i, q, rulesSaid, engine, actual.decision() + "/" + actual.requiredVetting());
        }
    }

    private static IllegalStateException disagreement(int i, DecisionRequest q, String rulesSaid, String engine, String said) {
        return new IllegalStateException("Engines disagree on question " + (i + 1) + " of " + QUESTIONS + ": " + q
                + "\n  rules: " + rulesSaid + "\n  " + engine + ": " + said);
    }

    public static void main(String[] args) {
        Engines engines = new Engines();
        int permits = engines.checkAgreement();
        System.out.println("Agreement: rules (uncached and cached), the reference, Cedar (" + engines.cedar.policyCount()
                + " policies) and AuthzForce agree on all " + QUESTIONS + " questions (" + permits + " PERMIT, " + (QUESTIONS - permits)
                + " DENY).");
    }
}
