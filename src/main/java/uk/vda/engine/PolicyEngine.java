package uk.vda.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The rule engine as the rest of the service sees it: facts in, facts out. The active rule set is compiled from
 * disk at start-up; a rule set that does not compile stops start-up with the file, line and message.
 */
@Component
public class PolicyEngine {
    private static final Logger log = LoggerFactory.getLogger(PolicyEngine.class);
    /** One background thread for every engine: copies are made one at a time, the latest request last. */
    private static final ExecutorService STANDBY_MAKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rules-standby");
        t.setDaemon(true);
        return t;
    });

    private static final AtomicBoolean COMPILER_WARMED = new AtomicBoolean();
    /**
     * Sessions kept per rule set: enough for every core to evaluate at once with some to spare; under more
     * concurrent questions than that, the extra sessions are made and disposed as before.
     */
    private static final int POOLED_SESSIONS =
            Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    private final AtomicReference<Live> active = new AtomicReference<>();
    private final int maxFirings;
    private final CompiledRules kept;
    /** A warm copy of a rule set put together from parts, which only {@link #reloadCandidate} takes. */
    private final AtomicReference<RuleSetCompiler.Compiled> standby = new AtomicReference<>();

    @Autowired
    public PolicyEngine(RulesProperties properties) {
        this.maxFirings = properties.maxFirings();
        this.kept = properties.compiled() == null
                        || properties.compiled().toString().isBlank()
                ? null
                : new CompiledRules(properties.compiled());
        long started = System.nanoTime();
        RuleSetCompiler.Compiled compiled =
                RuleSetCompiler.compile(properties.path().toString(), RuleSetCompiler.read(properties.path()), kept);
        active.set(new Live(compiled, maxFirings));
        // the largest step of start-up (docs/decisions/0008); bench/startup.sh reads "rules in N ms (R of P"
        log.info(
                "Rule set {} compiled from {}: {} rules in {} ms ({}{})",
                ruleSet().version(),
                properties.path(),
                ruleSet().ruleCount(),
                (System.nanoTime() - started) / 1_000_000,
                howBuilt(),
                compiled.parts() == 0 ? "" : " in " + kept.directory());
    }

    PolicyEngine(RuleSetCompiler.Compiled compiled, int maxFirings, CompiledRules kept) {
        this.maxFirings = maxFirings;
        this.kept = kept;
        active.set(new Live(compiled, maxFirings));
    }

    /** A compiled rule set and the sessions kept warm for it, which never outlive it. */
    private record Live(RuleSetCompiler.Compiled compiled, SessionPool sessions) {
        Live(RuleSetCompiler.Compiled compiled, int maxFirings) {
            this(
                    compiled,
                    new SessionPool(compiled.kieBase(), compiled.ruleSet().facts(), POOLED_SESSIONS, maxFirings));
        }
    }

    /**
     * An engine over the same compiled rules that runs every evaluation on a new session and keeps none: what
     * kept sessions are checked against (a question must get the same answer from a kept session as from a new
     * one). It never changes rule set.
     */
    public PolicyEngine withNewSessions() {
        RuleSetCompiler.Compiled compiled = active.get().compiled();
        PolicyEngine fresh = new PolicyEngine(compiled, maxFirings, kept);
        fresh.active.set(new Live(
                compiled, new SessionPool(compiled.kieBase(), compiled.ruleSet().facts(), 0, maxFirings)));
        return fresh;
    }

    /** The live rule set's pool of sessions: for tests. */
    SessionPool sessions() {
        return active.get().sessions();
    }

    /** An engine over a given folder, for tests and tools that run outside Spring (nothing kept on disk). */
    public static PolicyEngine over(Path rules) {
        return new PolicyEngine(new RulesProperties(rules, 10_000, null));
    }

    /**
     * A stand-alone engine over files given as relative path → content (an upload, or a version from the
     * database): for testing a candidate without touching what is live. Throws {@link RuleSetException}.
     */
    public PolicyEngine candidate(String source, Map<String, String> files) {
        return new PolicyEngine(RuleSetCompiler.compile(source, files, kept), maxFirings, kept);
    }

    /**
     * As {@link #candidate}, for a reload of files that changed a little: when a warm copy of the live rule set is
     * ready ({@link #prepareStandby}), the candidate is that copy with only the changed packages replaced, so the
     * rest of its rules do not start cold again (their classes made, their conditions compiled). The copy is
     * used up; the candidate is still a rule set of its own, and nothing answers from it until it is activated.
     */
    public PolicyEngine reloadCandidate(String source, Map<String, String> files) {
        return new PolicyEngine(
                RuleSetCompiler.compile(source, files, kept, standby.getAndSet(null)), maxFirings, kept);
    }

    /**
     * Makes, in the background, a copy of the live rule set from its compiled parts, runs {@code warmUp} on it
     * (say, its scenarios) and keeps it for the next {@link #reloadCandidate}. Does nothing when compiled parts
     * are not kept ({@code advisor.rules.compiled} empty) or the rules can only be compiled whole.
     */
    public void prepareStandby(Consumer<PolicyEngine> warmUp) {
        RuleSetCompiler.Compiled live = active.get().compiled();
        if (kept == null || live.layout().isEmpty()) {
            return;
        }
        STANDBY_MAKER.execute(() -> {
            try {
                RuleSetCompiler.Compiled copy = RuleSetCompiler.compile(
                        live.ruleSet().directory(), live.ruleSet().contents(), kept);
                if (copy.layout().isEmpty()) {
                    return;
                }
                PolicyEngine warm = new PolicyEngine(copy, maxFirings, kept);
                warmUp.accept(warm);
                // the copy's KIE base will be changed in place: no session of it may be left to follow the change
                warm.active.get().sessions().close();
                standby.set(copy);
                if (COMPILER_WARMED.compareAndSet(false, true)) {
                    // A service that read its compiled rules back has never run the rule compiler: the first edit
                    // would wait for it to load and warm up. Compile the set once, and throw the result away.
                    RuleSetCompiler.compile(
                            live.ruleSet().directory(), live.ruleSet().contents());
                }
            } catch (RuntimeException e) {
                log.warn(
                        "Could not prepare a warm copy of the rules ({}); the next reload puts them together anew",
                        e.toString());
            }
        });
    }

    /**
     * What was recorded when the live rule set last passed {@code check} (its scenarios, say) with exactly these
     * files, the same code and the same limit on firings, or null: never when compiled rules are not kept.
     */
    public String passRecorded(String check) {
        return kept == null
                ? null
                : kept.passed(
                        check + " " + maxFirings,
                        RuleSetCompiler.joined(ruleSet().contents()));
    }

    /** Records that the live rule set passed {@code check}, with a note {@link #passRecorded} gives back. */
    public void recordPass(String check, String note) {
        if (kept != null) {
            kept.recordPass(
                    check + " " + maxFirings, RuleSetCompiler.joined(ruleSet().contents()), note);
        }
    }

    /** Whether a warm copy is ready for the next reload. */
    public boolean standbyReady() {
        return standby.get() != null;
    }

    /** How the active rule set was made, in words: for the logs. */
    public String howBuilt() {
        RuleSetCompiler.Compiled c = active.get().compiled();
        if (c.onCopy()) {
            return c.replaced() + " of " + c.parts() + " packages replaced in a warm copy of the previous rules";
        }
        return c.parts() == 0 ? "compiled whole" : c.reused() + " of " + c.parts() + " packages already compiled";
    }

    /** Reads every file of a rules folder, as relative path → content. */
    public static Map<String, String> read(Path rules) {
        return RuleSetCompiler.read(rules);
    }

    /**
     * The values of each enum of the fact model, by its simple name ({@code Marking}, {@code VettingLevel} …): the
     * types a table's column may name in its {@code x.columns.csv}, so that a spreadsheet offers the same values
     * the table check allows.
     */
    public static Map<String, Set<String>> enumTypes() {
        return RuleCodeAllowList.factEnums();
    }

    /** The content hash of a set of files: the version they would have. */
    public static String versionOf(Map<String, String> files) {
        return RuleSetCompiler.version(files);
    }

    /**
     * Makes a candidate's rule set the one that answers, in one step: a request in flight finishes on the set it
     * started with, the next one gets the new set, and none sees a half-built one.
     */
    public void activate(PolicyEngine candidate) {
        Live before = active.getAndSet(candidate.active.get());
        if (before != candidate.active.get()) {
            before.sessions().close();
        }
    }

    public RuleSet ruleSet() {
        return active.get().compiled().ruleSet();
    }

    /**
     * Runs the active rules over the facts: what they left in working memory. Throws {@link EvaluationException}
     * if they cannot run to the end. Runs on a session kept from an earlier question (docs/decisions/0017) and
     * records neither which rules fired nor which rule inserted what: an event per firing and per insert is a
     * measurable part of a question.
     */
    public EngineResult evaluate(Collection<?> facts) {
        return run(facts, null, true);
    }

    /** As {@link #evaluate}, and records which rule inserted each fact ({@link EngineResult#insertedBy}). */
    public EngineResult evaluateRecordingInserts(Collection<?> facts) {
        return run(facts, new Trace(false), true);
    }

    /**
     * As {@link #evaluate}, on a new session, recording which rules fired and which rule inserted each fact: what
     * scenario coverage is measured on. A kept session has already fired the rules that hold on nothing (say,
     * "with no clearance that counts, the person has no vetting") before the question came, so only a new one
     * names every rule a question makes fire.
     */
    public EngineResult evaluateTraced(Collection<?> facts) {
        return run(facts, new Trace(true), false);
    }

    /**
     * One evaluation, on a session of the live rule set's pool or a new one. A pooled session goes back only when
     * the question's facts came out of it again and left it at rest; after an error or a leftover it is disposed.
     */
    private EngineResult run(Collection<?> facts, Trace trace, boolean pooled) {
        Live live = active.get();
        SessionPool pool = live.sessions();
        boolean keep = pooled && pool.keeps();
        KieSession session = keep ? pool.take() : live.compiled().kieBase().newKieSession();
        boolean reusable = false;
        try {
            if (trace != null) {
                trace.listenTo(session);
            }
            if (!keep) {
                // a kept session has the rule set's own facts from when it was made (SessionPool.take)
                live.compiled().ruleSet().facts().forEach(session::insert);
            }
            List<FactHandle> given = new ArrayList<>(facts.size());
            for (Object fact : facts) {
                given.add(session.insert(fact));
            }
            SessionPool.settle(session, maxFirings);
            EngineResult result = trace == null
                    ? new EngineResult(live.compiled().ruleSet(), session.getObjects())
                    : new EngineResult(live.compiled().ruleSet(), session.getObjects(), trace.fired, trace.insertedBy);
            if (keep) {
                if (trace != null) {
                    trace.stopListening(session);
                }
                reusable = pool.clear(session, given);
            }
            return result;
        } catch (RuntimeException e) {
            throw EvaluationException.of(e);
        } finally {
            if (reusable) {
                pool.give(session);
            } else {
                session.dispose();
            }
        }
    }

    /**
     * Evaluations that share facts, one after another on one thread: one person asked about a document and its
     * lower-marked versions, or about many documents in a batch. The shared facts go into a kept session once and
     * the rules run on them once; each evaluation then adds its own facts, runs the rules, reads the result and
     * takes its facts out again (docs/decisions/0023). Each answer is what {@link #evaluate} gives for the shared
     * and own facts together: an evaluation starts only from the state the shared facts settled to, checked fact
     * by fact after every evaluation; a session that does not come back to it is thrown away and the next
     * evaluation starts anew. Close it to give the session back. Not for use by two threads at once.
     */
    public Series series(Collection<?> shared) {
        return new KeptSeries(List.copyOf(shared));
    }

    /** Evaluations that share facts: see {@link #series}. */
    public interface Series extends AutoCloseable {
        /** The facts every evaluation of this series shares. */
        List<Object> shared();

        /**
         * Runs the rules over the shared facts and {@code own}: what they left in working memory. Throws
         * {@link EvaluationException} as {@link #evaluate} does; the series goes on after it, anew.
         */
        EngineResult evaluate(Collection<?> own);

        /** Gives the kept session back. */
        @Override
        void close();

        /**
         * A series that runs each evaluation alone over the shared facts and its own, with {@code evaluate}: for an
         * evaluation no other is known to share facts with (a kept series costs more than it saves then), and what a
         * test puts in place of an engine's.
         */
        static Series eachAlone(List<Object> shared, Function<List<Object>, EngineResult> evaluate) {
            return new Series() {
                @Override
                public List<Object> shared() {
                    return shared;
                }

                @Override
                public EngineResult evaluate(Collection<?> own) {
                    List<Object> all = new ArrayList<>(shared);
                    all.addAll(own);
                    return evaluate.apply(all);
                }

                @Override
                public void close() {}
            };
        }
    }

    private final class KeptSeries implements Series {
        private final List<Object> shared;
        private Live live;
        private KieSession session;
        private List<FactHandle> sharedHandles;
        /** The facts the shared facts settled to, with how many of each; every evaluation must leave them so. */
        private Map<Object, Integer> settled;
        /** The same facts by identity: usually the very objects are still there, found without hashing a record. */
        private Set<Object> settledObjects;

        private KeptSeries(List<Object> shared) {
            this.shared = shared;
        }

        @Override
        public List<Object> shared() {
            return shared;
        }

        @Override
        public EngineResult evaluate(Collection<?> own) {
            Live now = active.get();
            if (session != null && live != now) {
                discard(); // a reload since the last evaluation: the next one runs on the new rules
            }
            if (session == null && !open(now)) {
                List<Object> all = new ArrayList<>(shared);
                all.addAll(own);
                return run(all, null, true);
            }
            boolean kept = false;
            try {
                List<FactHandle> given = new ArrayList<>(own.size());
                for (Object fact : own) {
                    given.add(session.insert(fact));
                }
                fire();
                EngineResult result = new EngineResult(live.compiled().ruleSet(), session.getObjects());
                for (FactHandle handle : given) {
                    session.delete(handle);
                }
                fire();
                kept = settledAgain();
                return result;
            } catch (RuntimeException e) {
                throw EvaluationException.of(e);
            } finally {
                if (!kept) {
                    discard();
                }
            }
        }

        /** Takes a kept session and settles the shared facts in it; false when sessions are not kept. */
        private boolean open(Live now) {
            if (!now.sessions().keeps()) {
                return false;
            }
            live = now;
            session = now.sessions().take();
            try {
                sharedHandles = new ArrayList<>(shared.size());
                for (Object fact : shared) {
                    sharedHandles.add(session.insert(fact));
                }
                fire();
                Collection<?> facts = new ArrayList<>(session.getObjects());
                settled = SessionPool.count(facts);
                settledObjects = Collections.newSetFromMap(new IdentityHashMap<>());
                settledObjects.addAll(facts);
                return true;
            } catch (RuntimeException e) {
                discard();
                throw EvaluationException.of(e);
            }
        }

        /**
         * Whether the session holds exactly the facts the shared ones settled to: the same objects (a session holds
         * an object once), or else equal ones (a fact retracted while the evaluation's facts were in and made again).
         */
        private boolean settledAgain() {
            if (session.getFactCount() != settledObjects.size()) {
                return false;
            }
            Collection<?> facts = session.getObjects();
            for (Object fact : facts) {
                if (!settledObjects.contains(fact)) {
                    return SessionPool.count(facts).equals(settled);
                }
            }
            return true;
        }

        private void fire() {
            SessionPool.settle(session, maxFirings);
        }

        private void discard() {
            if (session != null) {
                session.dispose();
            }
            session = null;
            live = null;
        }

        /** Takes the shared facts out and gives the session back when that leaves it at rest. */
        @Override
        public void close() {
            if (session == null) {
                return;
            }
            boolean reusable = false;
            try {
                reusable = live.sessions().clear(session, sharedHandles);
            } catch (RuntimeException e) {
                log.warn("A kept session did not settle after a series of evaluations; it is thrown away", e);
            } finally {
                if (reusable) {
                    live.sessions().give(session);
                } else {
                    session.dispose();
                }
                session = null;
                live = null;
            }
        }
    }

    /** Which rule inserted each fact (by identity) and, when asked, which rules fired, for one evaluation. */
    private static final class Trace extends DefaultAgendaEventListener implements RuleRuntimeEventListener {
        final Set<String> fired = new LinkedHashSet<>();
        final Map<Object, String> insertedBy = new IdentityHashMap<>();
        private final boolean firings;

        Trace(boolean firings) {
            this.firings = firings;
        }

        void listenTo(KieSession session) {
            session.addEventListener((RuleRuntimeEventListener) this);
            if (firings) {
                session.addEventListener((AgendaEventListener) this);
            }
        }

        void stopListening(KieSession session) {
            session.removeEventListener((RuleRuntimeEventListener) this);
            if (firings) {
                session.removeEventListener((AgendaEventListener) this);
            }
        }

        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            fired.add(event.getMatch().getRule().getName());
        }

        @Override
        public void objectInserted(ObjectInsertedEvent event) {
            if (event.getRule() != null) {
                insertedBy.put(event.getObject(), event.getRule().getName());
            }
        }

        @Override
        public void objectUpdated(ObjectUpdatedEvent event) {}

        @Override
        public void objectDeleted(ObjectDeletedEvent event) {}
    }
}
