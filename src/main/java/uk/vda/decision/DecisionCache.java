package uk.vda.decision;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

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
    private final Map<Key, DecisionResponse> entries = new ConcurrentHashMap<>();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private volatile String version;

    private record Key(String version, LocalDate asOf, DecisionRequest question) {
    }

    public DecisionCache(@Value("${advisor.cache.max-entries:100000}") int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** Publishes hits, misses and size; the hit ratio is hits / (hits + misses). */
    @org.springframework.beans.factory.annotation.Autowired(required = false)
    void bind(io.micrometer.core.instrument.MeterRegistry registry) {
        io.micrometer.core.instrument.FunctionCounter.builder("advisor.cache.hits", hits, AtomicLong::get)
                .description("Decisions answered from the cache").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("advisor.cache.misses", misses, AtomicLong::get)
                .description("Decisions that ran the rules").register(registry);
        io.micrometer.core.instrument.Gauge.builder("advisor.cache.size", entries, Map::size)
                .description("Answers held").register(registry);
    }

    DecisionResponse answer(String ruleSetVersion, LocalDate asOf, DecisionRequest request, Supplier<DecisionResponse> work) {
        if (maxEntries <= 0) {
            return work.get();
        }
        if (!ruleSetVersion.equals(version)) {
            entries.clear();
            version = ruleSetVersion;
        }
        Key key = new Key(ruleSetVersion, asOf, anonymous(request));
        DecisionResponse cached = entries.get(key);
        if (cached != null) {
            hits.incrementAndGet();
            return cached;
        }
        misses.incrementAndGet();
        DecisionResponse fresh = work.get();
        boolean cacheable = fresh.ruleSet().version().equals(ruleSetVersion)
                && fresh.reasons().stream().noneMatch(r -> r.rule().equals("EvaluationError"));
        if (cacheable) {
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            entries.put(key, fresh);
        }
        return fresh;
    }

    private static DecisionRequest anonymous(DecisionRequest r) {
        DecisionRequest.PersonInput p = r.person();
        DecisionRequest.DocumentInput d = r.document();
        return new DecisionRequest(
                new DecisionRequest.PersonInput(null, p.roles(), p.organisation(), p.nationalities(), p.vetting()),
                new DecisionRequest.DocumentInput(null, d.marking(), d.scheme(), d.category(), d.caveats(), d.descriptors(),
                        d.codeword(), d.owner(), d.createdOn(), d.alternatives()),
                r.access(), r.asOf());
    }
}
