package uk.vda.security;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What a request costs in rule evaluations, per request and per client: the request counter
 * ({@link RateLimitFilter}) treats a million-pair batch like a single question, this does not. A request reserves
 * its worst case before any work (every question run through the rules) and settles when it ends: what the
 * answer cache saved, or a client that went away left undone, goes back to the client's bucket. A question
 * answered from the cache costs a hundredth of an evaluation (measured: about 1/160 of the CPU).
 */
@Component
public class CostLimiter {
    /** Cached answers that cost as much as one rule evaluation. */
    public static final int CACHED_PER_EVALUATION = 100;

    private final long perRequest;
    private final long perSecond;
    private final long burst;
    private final ClientBuckets buckets;

    @Autowired
    public CostLimiter(LimitsProperties limits) {
        this(limits, new ClientBuckets(limits.costBurst(), limits.costPerSecond()));
    }

    CostLimiter(LimitsProperties limits, ClientBuckets buckets) {
        this.perRequest = limits.costPerRequest();
        this.perSecond = limits.costPerSecond();
        this.burst = limits.costBurst();
        this.buckets = buckets;
    }

    /** A limiter that never refuses: for services made outside Spring (tests, tools). */
    public static CostLimiter unlimited() {
        return new CostLimiter(new LimitsProperties(DataSize.ofMegabytes(1), DataSize.ofMegabytes(20), 1, 1, 1, 1, 1)) {
            @Override
            public void check(String what, long cost) {
                // no limit
            }

            @Override
            public Reservation reserve(String what, long cost) {
                return new Reservation(null, 0);
            }
        };
    }

    /**
     * Takes {@code cost} evaluations from the calling client's allowance, or refuses: 413 when no client could ever
     * send it (over the per-request limit, or more than a bucket holds), 429 with Retry-After when this client has
     * too little left now. {@code what} names the request in the problem ("batch", "roster").
     */
    public Reservation reserve(String what, long cost) {
        check(what, cost);
        String caller = caller();
        return caller == null ? new Reservation(null, 0) : reserve(buckets.of(caller), what, cost);
    }

    Reservation reserve(Bucket bucket, String what, long cost) {
        check(what, cost);
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(cost);
        if (!probe.isConsumed()) {
            throw CostLimitException.overAllowance(
                    what,
                    cost,
                    probe.getRemainingTokens(),
                    perSecond,
                    burst,
                    ClientBuckets.seconds(probe.getNanosToWaitForRefill()));
        }
        return new Reservation(bucket, cost);
    }

    /** Refuses with 413 a request no client could ever send: over the per-request limit, or more than a bucket holds. */
    public void check(String what, long cost) {
        long limit = Math.min(perRequest, burst);
        if (cost > limit) {
            throw CostLimitException.tooCostly(what, cost, limit);
        }
    }

    /** The evaluations a piece of work cost: those run through the rules, and the cached answers at their rate. */
    public static long cost(long evaluated, long cached) {
        return evaluated + (cached + CACHED_PER_EVALUATION - 1) / CACHED_PER_EVALUATION;
    }

    /** Rule evaluations a caller ({@code client:NAME}) has left now. */
    public long available(String caller) {
        return buckets.of(caller).getAvailableTokens();
    }

    /** Named as {@link RateLimitFilter} names clients; null outside a web request (no limit applies). */
    private static String caller() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && !(auth instanceof AnonymousAuthenticationToken)) {
            return "client:" + auth.getName();
        }
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes web
                ? RateLimitFilter.address(web.getRequest())
                : null;
    }

    /** Evaluations taken for one request; {@link #settle} gives back what it did not use. */
    public static final class Reservation {
        private final Bucket bucket;
        private final long reserved;
        private final AtomicBoolean settled = new AtomicBoolean();

        private Reservation(Bucket bucket, long reserved) {
            this.bucket = bucket;
            this.reserved = reserved;
        }

        /** Gives back what was reserved and not {@code used}; once. */
        public void settle(long used) {
            if (bucket != null && settled.compareAndSet(false, true) && used < reserved) {
                bucket.addTokens(reserved - Math.max(0, used));
            }
        }
    }
}
