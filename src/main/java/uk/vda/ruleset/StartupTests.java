package uk.vda.ruleset;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import uk.vda.engine.PolicyEngine;
import uk.vda.engine.RuleSetException;

/**
 * The rule set read from disk at start-up must pass its own tests before the service answers anything, as every
 * reload, candidate and publish must: a set that compiles but fails its scenarios (say, edited while the service
 * was stopped) stops start-up with each failure named, instead of answering. The tests start as soon as the
 * engine exists and run while Spring makes the rest of the service (web, security, actuator); the service waits
 * for them after every bean is made and before the web server takes requests.
 *
 * <p>A pass is recorded beside the compiled rules, bound to every file of the set (scenarios included), to the
 * code and to the limit on firings, and to the day when a scenario took its date from the clock; a restart that
 * finds such a record trusts it, as it trusts the compiled parts (docs/decisions/0024). Anything else runs them.
 */
@Component
class StartupTests implements SmartInitializingSingleton {
    private static final Logger log = LoggerFactory.getLogger(StartupTests.class);
    static final String CHECK = "scenarios";
    /** The note of a pass that no scenario's date came from the clock for. */
    static final String ANY_DAY = "any day";

    private final CompletableFuture<RuleSetTester.Report> running = new CompletableFuture<>();
    private final long started = System.nanoTime();
    private final PolicyEngine engine;
    private final Clock clock;
    private final Watched watched;
    private final String recorded;

    StartupTests(PolicyEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
        this.watched = new Watched(clock);
        String note = engine.passRecorded(CHECK);
        this.recorded = note != null
                        && (note.equals(ANY_DAY)
                                || note.equals(LocalDate.now(clock).toString()))
                ? note
                : null;
        if (recorded != null) {
            return;
        }
        Thread thread = new Thread(
                () -> {
                    try {
                        running.complete(RuleSetTester.test(engine, watched));
                    } catch (RuntimeException | Error e) {
                        running.completeExceptionally(e);
                    }
                },
                "startup-tests");
        thread.setDaemon(true);
        // Drools finds its run-time parts through the context class loader (the service's, in the packaged jar)
        thread.setContextClassLoader(StartupTests.class.getClassLoader());
        thread.start();
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (recorded != null) {
            log.info(
                    "Rule set {} passed its tests before, with the same files and code ({}): not run again",
                    engine.ruleSet().version(),
                    recorded);
            return;
        }
        long waiting = System.nanoTime();
        RuleSetTester.Report report = running.join();
        long done = System.nanoTime();
        if (!report.ok()) {
            throw new RuleSetException(report.problems());
        }
        engine.recordPass(CHECK, watched.read ? LocalDate.now(clock).toString() : ANY_DAY);
        log.info(
                "Rule set {} passed its tests at start-up: {} scenarios, done {} ms after they started beside the "
                        + "rest of start-up, which then waited {} ms for them",
                report.version(),
                report.passed(),
                (done - started) / 1_000_000,
                (done - waiting) / 1_000_000);
    }

    /** A clock that notes whether anything read it: a scenario without its own date takes today's. */
    private static final class Watched extends Clock {
        private final Clock clock;
        private volatile boolean read;

        Watched(Clock clock) {
            this.clock = clock;
        }

        @Override
        public ZoneId getZone() {
            return clock.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            read = true;
            return clock.withZone(zone);
        }

        @Override
        public Instant instant() {
            read = true;
            return clock.instant();
        }
    }
}
