package uk.vda.engine;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The rule engine as the rest of the service sees it: facts in, facts out. The active rule set is compiled from
 * disk at start-up; a rule set that does not compile stops start-up with the file, line and message.
 */
@Component
@EnableConfigurationProperties(RulesProperties.class)
public class PolicyEngine {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PolicyEngine.class);
    private final AtomicReference<RuleSetCompiler.Compiled> active = new AtomicReference<>();
    private final int maxFirings;
    private final CompiledRules kept;

    @org.springframework.beans.factory.annotation.Autowired
    public PolicyEngine(RulesProperties properties) {
        this.maxFirings = properties.maxFirings();
        this.kept = properties.compiled() == null || properties.compiled().toString().isBlank() ? null
                : new CompiledRules(properties.compiled());
        long started = System.nanoTime();
        RuleSetCompiler.Compiled compiled = RuleSetCompiler.compile(properties.path().toString(),
                RuleSetCompiler.read(properties.path()), kept);
        active.set(compiled);
        // the largest single part of start-up (docs/performance.md)
        String how = compiled.parts() == 0 ? "whole"
                : compiled.reused() + " of " + compiled.parts() + " packages already compiled in " + kept.directory();
        log.info("Rule set {} compiled from {}: {} rules in {} ms ({})", ruleSet().version(), properties.path(),
                ruleSet().ruleCount(), (System.nanoTime() - started) / 1_000_000, how);
    }

    PolicyEngine(RuleSetCompiler.Compiled compiled, int maxFirings, CompiledRules kept) {
        this.maxFirings = maxFirings;
        this.kept = kept;
        active.set(compiled);
    }

    /** An engine over a given folder, for tests and tools that run outside Spring (nothing kept on disk). */
    public static PolicyEngine over(java.nio.file.Path rules) {
        return new PolicyEngine(new RulesProperties(rules, 10_000, null));
    }

    /**
     * A stand-alone engine over files given as relative path → content (an upload, or a version from the
     * database): for testing a candidate without touching what is live. Throws {@link RuleSetException}.
     */
    public PolicyEngine candidate(String source, java.util.Map<String, String> files) {
        return new PolicyEngine(RuleSetCompiler.compile(source, files, kept), maxFirings, kept);
    }

    /** Reads every file of a rules folder, as relative path → content. */
    public static java.util.Map<String, String> read(java.nio.file.Path rules) {
        return RuleSetCompiler.read(rules);
    }

    /** The content hash of a set of files: the version they would have. */
    public static String versionOf(java.util.Map<String, String> files) {
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
        KieSession session = compiled.kieBase().newKieSession();
        try {
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    fired.add(event.getMatch().getRule().getName());
                }
            });
            facts.forEach(session::insert);
            int count = session.fireAllRules(maxFirings);
            if (count >= maxFirings) {
                throw new EvaluationException("the rules fired " + count + " times without settling", null);
            }
            return new EngineResult(compiled.ruleSet(), List.copyOf(session.getObjects()), fired);
        } catch (EvaluationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EvaluationException("the rules failed: " + e.getMessage(), e);
        } finally {
            session.dispose();
        }
    }
}
