package uk.vda.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per caller: {@code burst} requests at once, then {@code ratePerSecond}. Callers are named by the
 * filters: {@code client:NAME} for a valid key, {@code address:IP} for anonymous requests and failed keys.
 */
final class RateLimiter {
    private final double ratePerNano;
    private final double burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }
    }

    RateLimiter(LimitsProperties limits) {
        this.ratePerNano = limits.ratePerSecond() / 1e9;
        this.burst = Math.max(1, limits.burst());
    }

    /** Takes a token: 0 when there was one, otherwise the seconds to wait for the next (nothing is taken). */
    long take(String caller) {
        return use(caller, true);
    }

    /** The seconds to wait for a token, 0 when one is there; takes nothing. */
    long waitFor(String caller) {
        return use(caller, false);
    }

    private long use(String caller, boolean take) {
        long now = System.nanoTime();
        Bucket bucket = buckets.computeIfAbsent(caller, c -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.refilledAt) * ratePerNano);
            bucket.refilledAt = now;
            if (bucket.tokens >= 1) {
                if (take) {
                    bucket.tokens -= 1;
                }
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / ratePerNano / 1e9));
        }
    }
}
