package uk.vda.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.KeepReferenceOption;
import org.kie.api.runtime.conf.ThreadSafeOption;
import org.kie.api.runtime.rule.FactHandle;

/**
 * KIE sessions of one compiled rule set, kept between evaluations (docs/decisions/0017). A new session builds the
 * memories of every rule node it reaches on first use, about a third of a question's CPU; a session kept warm
 * answers the next question with them already built.
 *
 * <p>Every session starts a question <em>at rest</em>: in the state a session holding only the rule set's own
 * facts (made from its tables, inserted once) settles to once its rules have run, with the facts of rules that
 * hold without a question, such as "with no clearance that counts, the person has no vetting". A new session is
 * settled before its first question; after a question, {@link #clear} deletes the
 * facts the question gave, the rules only ever {@code insertLogical}, so everything those facts supported is
 * retracted, and the session is at rest again. A session that is not (a fact left over that an empty session
 * does not have, or a rule that will not settle) is disposed, never reused, and so is one whose evaluation
 * failed. A session is used by one thread at a time; at most {@code bound} wait. The pool belongs to one rule
 * set: a reload makes a new one and {@link #close closes} the old.
 */
final class SessionPool {
    private final KieBase kieBase;
    /** The facts every session of the rule set starts with (made from its tables): in a kept session for good. */
    private final List<Object> ruleSetFacts;

    private final int bound;
    private final int maxFirings;
    private final BlockingDeque<KieSession> idle;
    private final AtomicInteger made = new AtomicInteger();
    /** A session at rest; null until the first session is made. */
    private volatile Rest rest;

    /** What a session at rest holds: its facts with how many of each, and how many in all. */
    private record Rest(Map<Object, Integer> facts, long factCount) {
        static Rest of(KieSession session) {
            return new Rest(count(session.getObjects()), session.getFactCount());
        }
    }

    private volatile boolean closed;
    private final KieSessionConfiguration configuration;

    /**
     * A pool that keeps up to {@code bound} sessions; with 0, one that keeps none and hands out new sessions
     * unsettled and without the rule set's facts, as the engine did before sessions were kept.
     */
    SessionPool(KieBase kieBase, List<Object> ruleSetFacts, int bound, int maxFirings) {
        this.kieBase = kieBase;
        this.ruleSetFacts = ruleSetFacts;
        this.bound = bound;
        this.maxFirings = maxFirings;
        this.idle = new LinkedBlockingDeque<>(Math.max(1, bound));
        this.closed = bound == 0;
        // One thread at a time uses a kept session, and the deque hands it over (happens-before): no locks inside it.
        // Not registered with the KIE base either: nothing changes a live rule set's KIE base in place.
        this.configuration = KieServices.Factory.get().newKieSessionConfiguration();
        configuration.setOption(ThreadSafeOption.NO);
        configuration.setOption(KeepReferenceOption.NO);
    }

    /** Whether sessions come back: when not, {@link #clear} and {@link #give} need not be called. */
    boolean keeps() {
        return bound > 0;
    }

    /**
     * A session at rest: the one given back last (its memories most likely still in the CPU's caches), or a new
     * one, settled. Throws {@link EvaluationException} when the rules do not settle on an empty session.
     */
    KieSession take() {
        KieSession session = idle.pollFirst();
        if (session != null) {
            return session;
        }
        made.incrementAndGet();
        if (bound == 0) {
            return kieBase.newKieSession();
        }
        session = kieBase.newKieSession(configuration, null);
        try {
            ruleSetFacts.forEach(session::insert);
            settle(session);
            if (rest == null) {
                rest = Rest.of(session);
            }
            return session;
        } catch (RuntimeException e) {
            session.dispose();
            throw EvaluationException.of(e);
        }
    }

    /**
     * Deletes the facts a question gave and lets the rules settle; true when that left the session at rest.
     * Throws what the rules throw (the session is then not reused).
     */
    boolean clear(KieSession session, List<FactHandle> given) {
        for (FactHandle handle : given) {
            session.delete(handle);
        }
        settle(session);
        Rest expected = rest;
        return expected != null
                && session.getFactCount() == expected.factCount()
                && count(session.getObjects()).equals(expected.facts());
    }

    /** Takes back a session {@link #clear} left at rest; disposes of it when the pool is full or closed. */
    void give(KieSession session) {
        if (closed || !idle.offerFirst(session)) {
            session.dispose();
        } else if (closed) {
            drain();
        }
    }

    /** Disposes of every waiting session, and of each one given back from now on. */
    void close() {
        closed = true;
        drain();
    }

    /** How many sessions wait: for tests. */
    int idle() {
        return idle.size();
    }

    /** How many sessions were made: for tests. */
    int made() {
        return made.get();
    }

    private void settle(KieSession session) {
        settle(session, maxFirings);
    }

    /** Runs the rules until they settle; throws {@link EvaluationException} when they fire {@code most} times. */
    static void settle(KieSession session, int most) {
        int fired = session.fireAllRules(most);
        if (fired >= most) {
            throw new EvaluationException("the rules fired " + fired + " times without settling", null);
        }
    }

    /** Facts by value, with how many of each: every fact is a record, so equal facts are the same fact. */
    static Map<Object, Integer> count(Collection<?> facts) {
        Map<Object, Integer> counted = new HashMap<>();
        for (Object fact : new ArrayList<>(facts)) {
            counted.merge(fact, 1, Integer::sum);
        }
        return counted;
    }

    private void drain() {
        for (KieSession session; (session = idle.pollFirst()) != null; ) {
            session.dispose();
        }
    }
}
