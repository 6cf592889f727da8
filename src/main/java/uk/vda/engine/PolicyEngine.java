package uk.vda.engine;

import java.nio.file.Path;
import java.util.Collection;
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

import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;
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
    private final AtomicReference<RuleSetCompiler.Compiled> active = new AtomicReference<>();
    private final int maxFirings;
    private final CompiledRules kept;
    /** A warm copy of a rule set put together from parts, which only {@link #reloadCandidate} takes. */
    private final AtomicReference<RuleSetCompiler.Compiled> standby = new AtomicReference<>();

    @Autowired
    public PolicyEngine(RulesProperties properties) {
        this.maxFirings = properties.maxFirings();
        this.kept = properties.compiled() == null || properties.compiled().toString().isBlank() ? null
                : new CompiledRules(properties.compiled());
        long started = System.nanoTime();
        RuleSetCompiler.Compiled compiled = RuleSetCompiler.compile(properties.path().toString(),
                RuleSetCompiler.read(properties.path()), kept);
        active.set(compiled);
        // the largest step of start-up (docs/decisions/0008); bench/startup.sh reads "rules in N ms (R of P"
        log.info("Rule set {} compiled from {}: {} rules in {} ms ({}{})", ruleSet().version(), properties.path(),
                ruleSet().ruleCount(), (System.nanoTime() - started) / 1_000_000, howBuilt(),
                compiled.parts() == 0 ? "" : " in " + kept.directory());
    }

    PolicyEngine(RuleSetCompiler.Compiled compiled, int maxFirings, CompiledRules kept) {
        this.maxFirings = maxFirings;
        this.kept = kept;
        active.set(compiled);
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
        return new PolicyEngine(RuleSetCompiler.compile(source, files, kept, standby.getAndSet(null)), maxFirings, kept);
    }

    /**
     * Makes, in the background, a copy of the live rule set from its compiled parts, runs {@code warmUp} on it
     * (say, its scenarios) and keeps it for the next {@link #reloadCandidate}. Does nothing when compiled parts
     * are not kept ({@code advisor.rules.compiled} empty) or the rules can only be compiled whole.
     */
    public void prepareStandby(Consumer<PolicyEngine> warmUp) {
        RuleSetCompiler.Compiled live = active.get();
        if (kept == null || live.layout().isEmpty()) {
            return;
        }
        STANDBY_MAKER.execute(() -> {
            try {
                RuleSetCompiler.Compiled copy = RuleSetCompiler.compile(live.ruleSet().directory(),
                        live.ruleSet().contents(), kept);
                if (copy.layout().isEmpty()) {
                    return;
                }
                warmUp.accept(new PolicyEngine(copy, maxFirings, kept));
                standby.set(copy);
                if (COMPILER_WARMED.compareAndSet(false, true)) {
                    // A service that read its compiled rules back has never run the rule compiler: the first edit
                    // would wait for it to load and warm up. Compile the set once, and throw the result away.
                    RuleSetCompiler.compile(live.ruleSet().directory(), live.ruleSet().contents());
                }
            } catch (RuntimeException e) {
                log.warn("Could not prepare a warm copy of the rules ({}); the next reload puts them together anew",
                        e.toString());
            }
        });
    }

    /** Whether a warm copy is ready for the next reload. */
    public boolean standbyReady() {
        return standby.get() != null;
    }

    /** How the active rule set was made, in words: for the logs. */
    public String howBuilt() {
        RuleSetCompiler.Compiled c = active.get();
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
        return RuleCodeAllowList.get().factEnums();
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
        active.set(candidate.active.get());
    }

    public RuleSet ruleSet() {
        return active.get().ruleSet();
    }

    /** Runs the active rules over the facts. Throws {@link EvaluationException} if they cannot run to the end. */
    public EngineResult evaluate(Collection<?> facts) {
        RuleSetCompiler.Compiled compiled = active.get();
        Set<String> fired = new LinkedHashSet<>();
        Map<Object, String> insertedBy = new IdentityHashMap<>();
        KieSession session = compiled.kieBase().newKieSession();
        try {
            session.addEventListener(new DefaultRuleRuntimeEventListener() {
                @Override
                public void objectInserted(ObjectInsertedEvent event) {
                    if (event.getRule() != null) {
                        insertedBy.put(event.getObject(), event.getRule().getName());
                    }
                }
            });
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    fired.add(event.getMatch().getRule().getName());
                }
            });
            compiled.ruleSet().facts().forEach(session::insert);
            facts.forEach(session::insert);
            int count = session.fireAllRules(maxFirings);
            if (count >= maxFirings) {
                throw new EvaluationException("the rules fired " + count + " times without settling", null);
            }
            return new EngineResult(compiled.ruleSet(), List.copyOf(session.getObjects()), fired, insertedBy);
        } catch (EvaluationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EvaluationException("the rules failed: " + e.getMessage(), e);
        } finally {
            session.dispose();
        }
    }
}
