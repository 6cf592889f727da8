package uk.vda.ruleset;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

import uk.vda.engine.PolicyEngine;
import uk.vda.engine.RuleSetException;

/**
 * The rule set read from disk at start-up must pass its own tests before the service answers anything, as every
 * reload, candidate and publish must: a set that compiles but fails its scenarios (say, edited while the service
 * was stopped) stops start-up with each failure named, instead of answering. Runs after every bean is made and
 * before the web server takes requests.
 */
@Component
class StartupTests implements SmartInitializingSingleton {
    private static final Logger log = LoggerFactory.getLogger(StartupTests.class);
    private final PolicyEngine engine;
    private final Clock clock;

    StartupTests(PolicyEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        long started = System.nanoTime();
        RuleSetTester.Report report = RuleSetTester.test(engine, clock);
        if (!report.ok()) {
            throw new RuleSetException(report.problems());
        }
        log.info("Rule set {} passed its tests at start-up: {} scenarios in {} ms", report.version(), report.passed(),
                (System.nanoTime() - started) / 1_000_000);
    }
}
