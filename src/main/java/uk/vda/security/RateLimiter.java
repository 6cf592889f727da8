package uk.vda.security;

import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;

/**
 * A token bucket per caller: {@code burst} requests at once, then {@code ratePerSecond}. Callers are named by the
 * filters: {@code client:NAME} for a valid key, {@code address:IP} for anonymous requests and failed keys. Idle
 * callers are forgotten once their bucket would be full again ({@link ClientBuckets}).
 */
final class RateLimiter {
    private final ClientBuckets buckets;

    RateLimiter(LimitsProperties limits) {
        this(new ClientBuckets(Math.max(1, limits.burst()), limits.ratePerSecond()));
    }

    RateLimiter(ClientBuckets buckets) {
        this.buckets = buckets;
    }

    /** Takes a token: 0 when there was one, otherwise the seconds to wait for the next (nothing is taken). */
    long take(String caller) {
        ConsumptionProbe probe = buckets.of(caller).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : ClientBuckets.seconds(probe.getNanosToWaitForRefill());
    }

    /** The seconds to wait for a token, 0 when one is there; takes nothing. */
    long waitFor(String caller) {
        EstimationProbe probe = buckets.of(caller).estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? 0 : ClientBuckets.seconds(probe.getNanosToWaitForRefill());
    }

    /** Callers whose buckets are held. */
    long callers() {
        return buckets.callers();
    }
}
