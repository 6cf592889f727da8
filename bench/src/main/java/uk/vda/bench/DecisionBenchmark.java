package uk.vda.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import uk.vda.catalogue.Vocabulary;
import uk.vda.decision.DecisionCache;
import uk.vda.decision.DecisionRequest;
import uk.vda.decision.DecisionResponse;
import uk.vda.decision.DecisionService;
import uk.vda.engine.PolicyEngine;

/**
 * Decisions per second on the same 4,096 questions: the service's engine path with full explanations, without and
 * with the answer cache, and the hand-written reference. Before any timing, every question's decision and
 * required vetting from the rules is checked against the reference; a disagreement stops the run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecisionBenchmark {
    private static final int QUESTIONS = 4096;

    private List<DecisionRequest> questions;
    private DecisionService uncached;
    private DecisionService cached;
    private ReferencePolicy reference;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        PolicyEngine engine = PolicyEngine.over(Path.of("rules"));
        Clock clock = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
        Vocabulary vocabulary = new Vocabulary(engine);
        uncached = new DecisionService(engine, vocabulary, clock);
        cached = new DecisionService(engine, vocabulary, clock, new DecisionCache(1_000_000));
        reference = new ReferencePolicy();
        questions = Inputs.generate(QUESTIONS, 20261128L);
        List<String> disagreements = new ArrayList<>();
        for (DecisionRequest q : questions) {
            DecisionResponse rules = uncached.decide(q);
            ReferencePolicy.Answer hand = reference.decide(q);
            if (rules.decision() != hand.decision() || rules.requiredVetting() != hand.requiredVetting()) {
                disagreements.add(q + " -> rules " + rules.decision() + "/" + rules.requiredVetting() + " reasons "
                        + rules.reasons().stream().map(DecisionResponse.ReasonView::rule).toList()
                        + ", reference " + hand.decision() + "/" + hand.requiredVetting());
            }
            cached.decide(q);
        }
        if (!disagreements.isEmpty()) {
            throw new IllegalStateException(disagreements.size() + " of " + QUESTIONS + " questions disagree; first: "
                    + disagreements.get(0));
        }
        System.out.println("Agreement: the rules and the reference agree on all " + QUESTIONS + " questions.");
    }

    private DecisionRequest question() {
        next = (next + 1) & (QUESTIONS - 1);
        return questions.get(next);
    }

    @Benchmark
    public void rulesWithExplanations(Blackhole sink) {
        sink.consume(uncached.decide(question()));
    }

    @Benchmark
    public void rulesWithExplanationsCached(Blackhole sink) {
        sink.consume(cached.decide(question()));
    }

    @Benchmark
    public void handWrittenReference(Blackhole sink) {
        sink.consume(reference.decide(question()));
    }
}
