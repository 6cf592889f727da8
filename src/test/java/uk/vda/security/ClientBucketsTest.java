package uk.vda.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Per-client buckets: requests and rule evaluations, on a clock the test moves. */
class ClientBucketsTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final TimeMeter time = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };

    private void pass(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    private static LimitsProperties limits(long perRequest, long perSecond, long burst) {
        return new LimitsProperties(
                DataSize.ofMegabytes(1), DataSize.ofMegabytes(20), 2, 3, perRequest, perSecond, burst);
    }

    @Test
    void shouldForgetACallerWhoseBucketHasFilledUpAgain() {
        RateLimiter limiter = new RateLimiter(new ClientBuckets(3, 2, time, nanos::get));
        for (int i = 0; i < 100; i++) {
            limiter.take("address:10.0.0." + i);
        }
        assertThat(limiter.callers()).isEqualTo(100);

        pass(Duration.ofMillis(1500));
        limiter.take("address:10.0.0.1");
        assertThat(limiter.callers())
                .as("three tokens at two a second take 1.5 s to refill; kept a second more")
                .isEqualTo(100);

        pass(Duration.ofMillis(1600));
        assertThat(limiter.callers()).as("only the caller seen since").isEqualTo(1);
        pass(Duration.ofMillis(1500));
        assertThat(limiter.callers()).isZero();
    }

    @Test
    void shouldTakeTheBurstThenAnswerTheSecondsToWait() {
        RateLimiter limiter = new RateLimiter(new ClientBuckets(3, 2, time, nanos::get));
        assertThat(limiter.take("c")).isZero();
        assertThat(limiter.take("c")).isZero();
        assertThat(limiter.take("c")).isZero();
        assertThat(limiter.waitFor("c")).isEqualTo(1);
        assertThat(limiter.take("c")).isEqualTo(1);
        assertThat(limiter.take("other"))
                .as("each caller has a bucket of its own")
                .isZero();
        pass(Duration.ofMillis(500));
        assertThat(limiter.waitFor("c")).isZero();
        assertThat(limiter.take("c")).isZero();
        assertThat(limiter.take("c")).isEqualTo(1);
    }

    @Test
    void shouldRefuseWhatNoClientCouldSendWith413AndWhatThisClientCannotYetWith429() {
        CostLimiter costs = new CostLimiter(limits(1000, 100, 1500), new ClientBuckets(1500, 100, time, nanos::get));

        assertThatThrownBy(() -> costs.check("batch", 1001)).isInstanceOfSatisfying(CostLimitException.class, e -> {
            assertThat(e.getStatusCode().value()).isEqualTo(413);
            assertThat(e.getBody().getProperties()).containsEntry("cost", 1001L).containsEntry("limit", 1000L);
        });
        costs.check("batch", 1000);
        CostLimiter smallBucket =
                new CostLimiter(limits(1000, 100, 500), new ClientBuckets(500, 100, time, nanos::get));
        assertThatThrownBy(() -> smallBucket.check("batch", 600))
                .as("more than a bucket holds is never possible")
                .isInstanceOfSatisfying(
                        CostLimitException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(413));
    }

    @Test
    void shouldGiveBackWhatARequestDidNotUse() {
        ClientBuckets buckets = new ClientBuckets(1500, 100, time, nanos::get);
        CostLimiter costs = new CostLimiter(limits(1000, 100, 1500), buckets);
        String client = "client:a";

        CostLimiter.Reservation first = costs.reserve(buckets.of(client), "batch", 1000);
        assertThat(costs.available(client)).isEqualTo(500);
        assertThatThrownBy(() -> costs.reserve(buckets.of(client), "batch", 800))
                .isInstanceOfSatisfying(CostLimitException.class, e -> {
                    assertThat(e.getStatusCode().value()).isEqualTo(429);
                    assertThat(e.getHeaders().getFirst("Retry-After")).isEqualTo("3");
                    assertThat(e.getBody().getProperties())
                            .containsEntry("available", 500L)
                            .containsEntry("cost", 800L);
                });
        first.settle(CostLimiter.cost(200, 750));
        first.settle(0);
        assertThat(costs.available(client))
                .as("200 evaluated and 750 cached answers cost 208; given back once")
                .isEqualTo(1500 - 208);
        pass(Duration.ofSeconds(10));
        assertThat(costs.available(client)).as("never more than the burst").isEqualTo(1500);
    }
}
