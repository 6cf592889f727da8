package uk.vda.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.vda.ruleset.RuleSetTester;

/**
 * A reload takes the warm copy of the live rules the engine keeps ready, replaces only what changed, and leaves
 * the live rules untouched until the candidate is activated; without a copy ready it puts the rules together anew.
 */
class WarmCopyTest {
    private static final Map<String, String> SHIPPED = ShippedRules.FILES;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path kept;

    private PolicyEngine engine() {
        return new PolicyEngine(new RulesProperties(Path.of("rules"), 10_000, kept));
    }

    private static Map<String, String> edited() {
        Map<String, String> edited = new TreeMap<>(SHIPPED);
        edited.put(
                "vetting/minimum-vetting.csv",
                SHIPPED.get("vetting/minimum-vetting.csv")
                        .replace(
                                "Regular, unsupervised access to SECRET material needs SC.",
                                "Regular, unsupervised access to SECRET material needs SC (edited)."));
        return edited;
    }

    private static void awaitStandby(PolicyEngine engine) throws InterruptedException {
        for (int i = 0; i < 600 && !engine.standbyReady(); i++) {
            Thread.sleep(100);
        }
        assertThat(engine.standbyReady()).as("a warm copy within 60 s").isTrue();
    }

    @Test
    void shouldWarmACopyAndReplaceOnlyTheChangedPackageInIt() throws InterruptedException {
        PolicyEngine engine = engine();
        String live = engine.ruleSet().version();
        AtomicInteger warmUps = new AtomicInteger();
        engine.prepareStandby(copy -> {
            warmUps.incrementAndGet();
            assertThat(RuleSetTester.test(copy, CLOCK).ok()).isTrue();
        });
        awaitStandby(engine);

        PolicyEngine candidate = engine.reloadCandidate("rules", edited());

        assertThat(warmUps).hasValue(1);
        assertThat(candidate.howBuilt())
                .isEqualTo(
                        "1 of " + ShippedRules.packages() + " packages replaced in a warm copy of the previous rules");
        assertThat(engine.standbyReady()).as("the copy is used up").isFalse();
        assertThat(engine.ruleSet().version()).isEqualTo(live);
        assertThat(candidate.ruleSet().version())
                .isEqualTo(PolicyEngine.versionOf(edited()))
                .isNotEqualTo(live);
        RuleSetTester.Report report = RuleSetTester.test(candidate, CLOCK);
        assertThat(report.ok()).as("%s", report.problems()).isTrue();
        assertThat(RuleSetTester.test(engine, CLOCK).ok())
                .as("the live rules still answer")
                .isTrue();
    }

    @Test
    void shouldPutTheRulesTogetherAnewWhenNoCopyIsReady() {
        PolicyEngine engine = engine();

        PolicyEngine candidate = engine.reloadCandidate("rules", edited());

        assertThat(candidate.howBuilt())
                .isEqualTo((ShippedRules.packages() - 1) + " of " + ShippedRules.packages()
                        + " packages already compiled");
        assertThat(RuleSetTester.test(candidate, CLOCK).ok()).isTrue();
    }

    @Test
    void shouldKeepNoCopyWhenCompiledPartsAreNotKept() {
        PolicyEngine engine = PolicyEngine.over(Path.of("rules"));
        AtomicInteger warmUps = new AtomicInteger();

        engine.prepareStandby(copy -> warmUps.incrementAndGet());

        assertThat(engine.standbyReady()).isFalse();
        assertThat(warmUps).hasValue(0);
        assertThat(engine.howBuilt()).isEqualTo("compiled whole");
    }
}
