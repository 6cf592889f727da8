package uk.vda.decision;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import uk.vda.audit.AnswerBody;
import uk.vda.decision.DecisionService.Traced;
import uk.vda.parts.DocumentInput;
import uk.vda.parts.PersonInput;

/**
 * Answers already worked out, so that the rules run once per distinct question per rule-set version. The key is
 * the whole question except the person's and the document's own identifiers (which no rule reads), the date and
 * the rule-set version: an entry can never answer for another version, and a reload makes the old entries
 * unreachable at once (they are dropped as soon as a new version is seen). Bounded: when full it starts afresh.
 */
@Component
public class DecisionCache {
    /** A cache that keeps nothing, for engines made outside Spring (tests, candidates). */
    static final DecisionCache NONE = new DecisionCache(0);

    private final int maxEntries;
    private final Map<Key, Kept> entries = new ConcurrentHashMap<>();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private volatile String version;

    /**
     * An answer kept for every identical question, and its JSON once the first of them has written it: a repeated
     * question over HTTP is then answered with the same bytes and its audit record with the same compressed
     * answer, its own id put in (docs/decisions/0019).
     */
    public static final class Kept {
        private final DecisionResponse response;
        private volatile AnswerBody body;

        Kept(DecisionResponse response) {
            this.response = response;
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
     * The rule-set version, the date and the question without the person's and the document's identifiers (and
     * without its own asOf, which {@code asOf} already holds). The hash is worked out once, when the key is made.
     * The fields are listed twice, in the hash and in equals, on purpose: keeping them in one list for both
     * (Arrays.asList) measured 895,307/s in JMH against 2.3-3.0 M/s for this, so keep the two lists in step.
     */
    private static final class Key {
        private final String version;
        private final LocalDate asOf;
        private final DecisionRequest question;
        private final int hash;

        Key(String version, LocalDate asOf, DecisionRequest question) {
            this.version = version;
            this.asOf = asOf;
            this.question = question;
            PersonInput p = question.person();
            DocumentInput d = question.document();
            int h = version.hashCode() * 31 + asOf.hashCode();
            h = h * 31 + Objects.hashCode(p.roles());
            h = h * 31 + Objects.hashCode(p.organisation());
            h = h * 31 + Objects.hashCode(p.nationalities());
            h = h * 31 + Objects.hashCode(p.vetting());
            h = h * 31 + Objects.hashCode(d.marking());
            h = h * 31 + Objects.hashCode(d.scheme());
            h = h * 31 + Objects.hashCode(d.category());
            h = h * 31 + Objects.hashCode(d.caveats());
            h = h * 31 + Objects.hashCode(d.descriptors());
            h = h * 31 + Objects.hashCode(d.codeword());
            h = h * 31 + Objects.hashCode(d.owner());
            h = h * 31 + Objects.hashCode(d.createdOn());
            h = h * 31 + Objects.hashCode(d.alternatives());
            this.hash = h * 31 + Objects.hashCode(question.access());
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Key k) || k.hash != hash || !k.version.equals(version) || !k.asOf.equals(asOf)) {
                return false;
            }
            PersonInput p = question.person();
            PersonInput q = k.question.person();
            DocumentInput d = question.document();
            DocumentInput e = k.question.document();
            return Objects.equals(p.roles(), q.roles())
                    && p.organisation() == q.organisation()
                    && Objects.equals(p.nationalities(), q.nationalities())
                    && Objects.equals(p.vetting(), q.vetting())
                    && d.marking() == e.marking()
                    && d.scheme() == e.scheme()
                    && Objects.equals(d.category(), e.category())
                    && Objects.equals(d.caveats(), e.caveats())
                    && Objects.equals(d.descriptors(), e.descriptors())
                    && Objects.equals(d.codeword(), e.codeword())
                    && d.owner() == e.owner()
                    && Objects.equals(d.createdOn(), e.createdOn())
                    && Objects.equals(d.alternatives(), e.alternatives())
                    && Objects.equals(question.access(), k.question.access());
        }
    }

    public DecisionCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    @Autowired
    DecisionCache(CacheProperties properties) {
        this(properties.maxEntries());
    }

    /** Publishes hits, misses and size; the hit ratio is hits / (hits + misses). */
    @Autowired(required = false)
    void bind(MeterRegistry registry) {
        FunctionCounter.builder("advisor.cache.hits", hits, AtomicLong::get)
                .description("Decisions answered from the cache").register(registry);
        FunctionCounter.builder("advisor.cache.misses", misses, AtomicLong::get)
                .description("Decisions that ran the rules").register(registry);
        Gauge.builder("advisor.cache.size", entries, Map::size)
                .description("Answers held").register(registry);
    }

    /** False for {@link #NONE} (or a size of 0): every question runs the rules. */
    boolean keepsAnswers() {
        return maxEntries > 0;
    }

    DecisionResponse answer(String ruleSetVersion, LocalDate asOf, DecisionRequest request, Supplier<Traced> work) {
        return kept(ruleSetVersion, asOf, request, work).response();
    }

    /** The kept answer to this question, worked out by {@code work} when there is none (and kept when it may be). */
    Kept kept(String ruleSetVersion, LocalDate asOf, DecisionRequest request, Supplier<Traced> work) {
        if (maxEntries <= 0) {
            return new Kept(work.get().response());
        }
        if (!ruleSetVersion.equals(version)) {
            entries.clear();
            version = ruleSetVersion;
        }
        Key key = new Key(ruleSetVersion, asOf, request);
        Kept cached = entries.get(key);
        if (cached != null) {
            hits.incrementAndGet();
            return cached;
        }
        misses.incrementAndGet();
        Traced traced = work.get();
        Kept fresh = new Kept(traced.response());
        if (traced.evaluated() && fresh.response().ruleSet().version().equals(ruleSetVersion)) {
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            entries.put(key, fresh);
        }
        return fresh;
    }
}
