package uk.vda.decision;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.LocalDate;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import uk.vda.audit.AnswerBody;
import uk.vda.decision.DecisionService.Traced;
import uk.vda.parts.DocumentInput;
import uk.vda.parts.PersonInput;

/**
 * Answers already worked out, so that the rules run once per distinct question per rule-set version. The key is
 * the question as the rules see it ({@link Question}), and the answer is worked out from the key alone, so no
 * field the rules read can be missing from it. An entry can never answer for another version, and a new version
 * drops the old entries. Bounded by Caffeine's size eviction (the least used go first); an evaluation error is never kept.
 */
@Component
public class DecisionCache {
    /** A cache that keeps nothing, for engines made outside Spring (tests, candidates). */
    static final DecisionCache NONE = new DecisionCache(0);

    private final Cache<Question, Kept> answers;
    /** Caffeine counts hits and misses itself; what ran the rules (a get and a put, not a load) is counted here. */
    private final StatsCounter stats = new ConcurrentStatsCounter();

    private volatile String version;

    /**
     * An answer kept for every identical question, and its JSON once the first of them has written it: a repeated
     * question over HTTP is then answered with the same bytes and its audit record with the same compressed
     * answer, its own id put in (docs/decisions/0019).
     */
    public static final class Kept {
        private final DecisionResponse response;
        private final boolean worded;
        private volatile AnswerBody body;

        Kept(DecisionResponse response) {
            this(response, true);
        }

        /** An answer with its words, or only its outcome ({@link DecisionService#outcome}) when not {@code worded}. */
        Kept(DecisionResponse response, boolean worded) {
            this.response = response;
            this.worded = worded;
        }

        /** Whether the answer has its words (summary, reasons, …) or only its outcome. */
        boolean worded() {
            return worded;
        }

        /** The answer; its decisionId is that of the request that worked it out. */
        public DecisionResponse response() {
            return response;
        }

        /** The answer's JSON, written by {@code write} the first time it is asked for and then kept with it. */
        public AnswerBody body(Function<DecisionResponse, AnswerBody> write) {
            AnswerBody written = body;
            if (written == null) {
                // two requests at once may both write it; both write the same
                written = write.apply(response);
                body = written;
            }
            return written;
        }
    }

    /**
     * The rule-set version and the request as the rules see it: the person's and the document's own identifiers
     * left out (callers' references, different on every question about the same post and paper) and {@code asOf}
     * the date answered for. Equality is the request record's own, which covers every component of every nested
     * record, so a field added to the request is part of the key without anyone listing it. The hash is worked
     * out once: Caffeine's frequency sketch asks for it again on every read it records.
     */
    static final class Question {
        private final String ruleSetVersion;
        private final DecisionRequest request;
        private final int hash;

        private Question(String ruleSetVersion, DecisionRequest request) {
            this.ruleSetVersion = ruleSetVersion;
            this.request = request;
            this.hash = 31 * ruleSetVersion.hashCode() + request.hashCode();
        }

        static Question of(String ruleSetVersion, DecisionRequest request, LocalDate asOf) {
            return new Question(ruleSetVersion, asTheRulesSeeIt(request, asOf));
        }

        String ruleSetVersion() {
            return ruleSetVersion;
        }

        DecisionRequest request() {
            return request;
        }

        @Override
        public boolean equals(Object o) {
            return o == this
                    || o instanceof Question q
                            && q.hash == hash
                            && q.ruleSetVersion.equals(ruleSetVersion)
                            && q.request.equals(request);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** The request without the person's and the document's identifiers, for the date {@code asOf}. */
    static DecisionRequest asTheRulesSeeIt(DecisionRequest request, LocalDate asOf) {
        PersonInput p = request.person();
        DocumentInput d = request.document();
        return new DecisionRequest(
                new PersonInput(null, p.roles(), p.organisation(), p.nationalities(), p.vetting()),
                d.with(null, d.alternatives()),
                request.access(),
                asOf);
    }

    public DecisionCache(int maxEntries) {
        this.answers = maxEntries <= 0
                ? null
                : Caffeine.newBuilder()
                        .maximumSize(maxEntries)
                        .recordStats(() -> stats)
                        .build();
    }

    @Autowired
    DecisionCache(CacheProperties properties) {
        this(properties.maxEntries());
    }

    /**
     * Publishes Caffeine's own cache meters ({@code cache.gets}, {@code cache.puts}, {@code cache.evictions},
     * {@code cache.size}, tagged {@code cache=decisions}) and the advisor's names the dashboards already use:
     * {@code advisor.cache.hits}, {@code advisor.cache.misses} and {@code advisor.cache.size}.
     */
    @Autowired(required = false)
    void bind(MeterRegistry registry) {
        if (answers == null) {
            return;
        }
        CaffeineCacheMetrics.monitor(registry, answers, "decisions");
        counter(registry, "advisor.cache.hits", "Decisions answered from the cache", CacheStats::hitCount);
        counter(registry, "advisor.cache.misses", "Decisions that ran the rules", CacheStats::missCount);
        Gauge.builder("advisor.cache.size", answers, Cache::estimatedSize)
                .description("Answers held")
                .register(registry);
    }

    private void counter(MeterRegistry registry, String name, String description, ToDoubleFunction<CacheStats> count) {
        FunctionCounter.builder(name, answers, c -> count.applyAsDouble(c.stats()))
                .description(description)
                .register(registry);
    }

    /** False for {@link #NONE} (or a size of 0): every question runs the rules. */
    boolean keepsAnswers() {
        return answers != null;
    }

    /** Answers held, once pending evictions are done. */
    long size() {
        if (answers == null) {
            return 0;
        }
        answers.cleanUp();
        return answers.estimatedSize();
    }

    /**
     * The kept answer to {@code question}, worked out by {@code work} from the question alone when it is not held:
     * with its words when {@code worded}, only its outcome when not. An answer held without words is not held for a
     * question that needs them, so it is worked out again, with them, and kept in its place; one held with them
     * serves both. An answer is kept only when it was given under the question's rule-set version and is not an
     * evaluation error; Caffeine's statistics count the first as a load and the second as a failed one.
     */
    Kept kept(Question question, Function<DecisionRequest, Traced> work, boolean worded) {
        if (answers == null) {
            return new Kept(work.apply(question.request()).response(), worded);
        }
        if (!question.ruleSetVersion().equals(version)) {
            answers.invalidateAll();
            version = question.ruleSetVersion();
        }
        Kept held = answers.getIfPresent(question);
        if (held != null && (held.worded() || !worded)) {
            return held;
        }
        if (held != null) {
            // Caffeine counted a hit, but the rules run again: a miss (advisor.cache.misses counts rules run)
            stats.recordHits(-1);
            stats.recordMisses(1);
        }
        long started = System.nanoTime();
        Traced traced = work.apply(question.request());
        Kept fresh = new Kept(traced.response(), worded);
        if (traced.evaluated() && fresh.response().ruleSet().version().equals(question.ruleSetVersion())) {
            answers.put(question, fresh);
            stats.recordLoadSuccess(System.nanoTime() - started);
        } else {
            stats.recordLoadFailure(System.nanoTime() - started);
        }
        return fresh;
    }
}
