package uk.vda.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/**
 * A Bucket4j token bucket per caller, in a map that forgets callers: a bucket left alone long enough to have
 * filled up again is dropped, since a new one is the same. At most {@link #MAX_CALLERS} are kept; beyond that the
 * least used go first (such a caller starts again with a full bucket).
 */
final class ClientBuckets {
    static final long MAX_CALLERS = 100_000;

    private final BucketConfiguration configuration;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;

    ClientBuckets(long capacity, long perSecond) {
        this(capacity, perSecond, TimeMeter.SYSTEM_NANOTIME, Ticker.systemTicker());
    }

    /** With the clocks given: tests move time on by hand. */
    ClientBuckets(long capacity, long perSecond, TimeMeter time, Ticker ticker) {
        if (capacity < 1 || perSecond < 1) {
            throw new IllegalArgumentException(
                    "advisor.limits: a bucket needs a capacity and a rate of at least 1 (got " + capacity + " and "
                            + perSecond + " a second)");
        }
        this.configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(perSecond, Duration.ofSeconds(1)))
                .build();
        this.time = time;
        // from empty to full, and a second more: Caffeine moves an entry's access time only once it is a second
        // old, so an entry may go up to a second before this after its last use
        Duration refilled = Duration.ofSeconds((capacity + perSecond - 1) / perSecond + 1);
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(refilled)
                .maximumSize(MAX_CALLERS)
                .ticker(ticker)
                .build();
    }

    Bucket of(String caller) {
        return buckets.get(
                caller,
                c -> Bucket.builder()
                        .withCustomTimePrecision(time)
                        .addLimit(configuration.getBandwidths()[0])
                        .build());
    }

    /** Callers held now, after dropping those whose buckets have filled up again. */
    long callers() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    /** Whole seconds to wait for what {@code nanos} says, at least 1: what Retry-After carries. */
    static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
