package uk.vda.ruleset;

import java.time.Clock;
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
 */
@Component
class StartupTests implements SmartInitializingSingleton {
    private static final Logger log = LoggerFactory.getLogger(StartupTests.class);
    private final CompletableFuture<RuleSetTester.Report> running = new CompletableFuture<>();
    private final long started = System.nanoTime();

    StartupTests(PolicyEngine engine, Clock clock) {
        Thread thread = new Thread(
                () -> {
                    try {
                        running.complete(RuleSetTester.test(engine, clock));
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
        long waiting = System.nanoTime();
        RuleSetTester.Report report = running.join();
        long done = System.nanoTime();
        if (!report.ok()) {
            throw new RuleSetException(report.problems());
        }
        log.info(
                "Rule set {} passed its tests at start-up: {} scenarios, done {} ms after they started beside the "
                        + "rest of start-up, which then waited {} ms for them",
                report.version(),
                report.passed(),
                (done - started) / 1_000_000,
                (done - waiting) / 1_000_000);
    }
}
