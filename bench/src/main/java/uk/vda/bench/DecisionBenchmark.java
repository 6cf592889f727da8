package uk.vda.bench;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import uk.vda.decision.DecisionRequest;
import uk.vda.decision.DecisionService;

/**
 * Decisions per second on the same 4,096 questions, in the same order, for every engine: the service's engine path
 * with full explanations, without and with the answer cache; the hand-written reference; and the peer engines Cedar
 * and AuthzForce (each: decision and vetting needed, and the decision alone). Before any timing {@link Engines#checkAgreement()} checks
 * that all of them give the same decision and vetting needed on every question; a disagreement stops the run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecisionBenchmark {
    private static final int QUESTIONS = Engines.QUESTIONS;

    private List<DecisionRequest> questions;
    private DecisionService uncached;
    private DecisionService cached;
    private ReferencePolicy reference;
    private CedarPeer cedar;
    private AuthzForcePeer authzForce;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Engines engines = new Engines();
        int permits = engines.checkAgreement();
        questions = engines.questions;
        uncached = engines.uncached;
        cached = engines.cached;
        reference = engines.reference;
        cedar = engines.cedar;
        authzForce = engines.authzForce;
        System.out.println("Agreement: rules (uncached and cached), the reference, Cedar and AuthzForce agree on all " + QUESTIONS
                + " questions (" + permits + " PERMIT).");
    }

    private DecisionRequest question() {
        next = (next + 1) & (QUESTIONS - 1);
        return questions.get(next);
    }

    @Benchmark
    public void rulesWithExplanations(Blackhole sink) {
        sink.consume(uncached.decide(question()));
    }

    /** Each thread's stream of questions, none of them asked before by any thread of the trial. */
    @State(Scope.Thread)
    public static class DistinctQuestions {
        private static final Set<Long> SEEN = ConcurrentHashMap.newKeySet();
        private static final AtomicLong SEEDS = new AtomicLong(Engines.SEED);
        Inputs.Distinct stream;

        @Setup(Level.Trial)
        public void setUp() {
            stream = new Inputs.Distinct(SEEDS.incrementAndGet(), SEEN);
        }
    }

    /**
     * The rules with full explanations on questions that are all distinct, a quarter of them with one or two
     * lower-marked alternatives (each alternative is a question of its own to the rules): no cache of any kind can
     * help. Drawing the question is inside the timing (about 1 µs).
     */
    @Benchmark
    public void rulesWithExplanationsDistinct(DistinctQuestions questions, Blackhole sink) {
        sink.consume(uncached.decide(questions.stream.next()));
    }

    @Benchmark
    public void rulesWithExplanationsCached(Blackhole sink) {
        sink.consume(cached.decide(question()));
    }

    @Benchmark
    public void handWrittenReference(Blackhole sink) {
        sink.consume(reference.decide(question()));
    }

    /** Cedar: decision and vetting needed (a second request only when a DENY does not name the vetting). */
    @Benchmark
    public void peerCedar(Blackhole sink) {
        sink.consume(cedar.decide(question()));
    }

    /** Cedar: the decision alone, one request per question. */
    @Benchmark
    public void peerCedarDecisionOnly(Blackhole sink) {
        sink.consume(cedar.decisionOnly(question()));
    }

    /** AuthzForce: decision and vetting needed (a second request only when a DENY does not name the vetting). */
    @Benchmark
    public void peerAuthzForce(Blackhole sink) {
        sink.consume(authzForce.decide(question()));
    }

    /** AuthzForce: the decision alone, one request per question. */
    @Benchmark
    public void peerAuthzForceDecisionOnly(Blackhole sink) {
        sink.consume(authzForce.decisionOnly(question()));
    }
}
