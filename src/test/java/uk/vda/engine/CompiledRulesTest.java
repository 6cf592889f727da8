package uk.vda.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.vda.ruleset.RuleSetTester;
import uk.vda.ruleset.ScenarioRunner;

/**
 * A rule set put together from compiled parts kept from before (one per package) answers exactly as the same
 * files compiled whole; an edit recompiles only its package; anything that cannot be put together exactly is
 * compiled whole.
 */
class CompiledRulesTest {
    private static final Map<String, String> SHIPPED = ShippedRules.FILES;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
    private static final int PACKAGES = ShippedRules.packages();
    /** The shipped rules with one row of the matrix changed: regular access to SECRET needs DV, not SC. */
    private static final Map<String, String> SECRET_REGULAR_NEEDS_DV =
            edit(SHIPPED, "vetting/minimum-vetting.csv", "SECRET,REGULAR,ANY,SC", "SECRET,REGULAR,ANY,DV");

    @TempDir
    Path kept;

    private static RuleSetTester.Report test(RuleSetCompiler.Compiled compiled) {
        return RuleSetTester.test(new PolicyEngine(compiled, 10_000, null), CLOCK);
    }

    private static long scenarios() {
        return SHIPPED.keySet().stream().filter(ScenarioRunner::isScenario).count();
    }

    @Test
    void shouldAnswerFromPartsExactlyAsFromOneCompile() {
        RuleSetCompiler.Compiled whole = RuleSetCompiler.compile("rules", SHIPPED);
        RuleSetCompiler.Compiled parts = RuleSetCompiler.compile("rules", SHIPPED, new CompiledRules(kept));

        assertThat(whole.parts()).isZero();
        assertThat(parts.parts()).isEqualTo(PACKAGES);
        assertThat(parts.reused()).isZero();
        assertThat(parts.ruleSet().rules()).isEqualTo(whole.ruleSet().rules());
        assertThat(parts.ruleSet().version()).isEqualTo(whole.ruleSet().version());
        RuleSetTester.Report report = test(parts);
        assertThat(report.ok()).as("%s", report.problems()).isTrue();
        assertThat(report.passed()).isEqualTo(scenarios()).isGreaterThan(70);
        assertThat(report.neverFired()).isEmpty();
    }

    @Test
    void shouldReadEveryPartBackAfterARestartWithoutCompiling() throws IOException {
        RuleSetCompiler.compile("rules", SHIPPED, new CompiledRules(kept));

        RuleSetCompiler.Compiled again = RuleSetCompiler.compile("rules", SHIPPED, new CompiledRules(kept));

        try (Stream<Path> files = Files.list(kept)) {
            assertThat(files.filter(p -> p.toString().endsWith(".rules")).count())
                    .isEqualTo(PACKAGES);
        }
        assertThat(again.reused()).isEqualTo(PACKAGES);
        assertThat(test(again).ok()).isTrue();
    }

    @Test
    void shouldKeepAPassOnlyForTheSameFilesAndTheSameCheck() {
        String shipped = RuleSetCompiler.joined(SHIPPED);
        CompiledRules cache = new CompiledRules(kept);
        assertThat(cache.passed("scenarios", shipped)).isNull();

        cache.recordPass("scenarios", shipped, "any day");

        assertThat(new CompiledRules(kept).passed("scenarios", shipped))
                .as("after a restart")
                .isEqualTo("any day");
        assertThat(cache.passed("scenarios", RuleSetCompiler.joined(SECRET_REGULAR_NEEDS_DV)))
                .as("an edited table")
                .isNull();
        assertThat(cache.passed("sandbox", shipped)).as("another check").isNull();
    }

    @Test
    void shouldCheckAnEditedFileAgainAfterTheSandboxPassedTheRest() throws IOException {
        RuleSetCompiler.compile("rules", SHIPPED, new CompiledRules(kept));
        assertThat(passes()).as("the sandbox's pass, recorded").isEqualTo(1);
        Map<String, String> files = new TreeMap<>(SHIPPED);
        files.put("attacks/attack.drl", "package attacks;\n\nrule \"Exit\"\nwhen\nthen\n    System.exit(1);\nend\n");

        assertThatThrownBy(() -> RuleSetCompiler.compile("rules", files, new CompiledRules(kept)))
                .isInstanceOfSatisfying(
                        RuleSetException.class,
                        e -> assertThat(e.problems())
                                .extracting(RuleProblem::toString)
                                .containsExactly(
                                        "attacks/attack.drl:6 rule \"Exit\": 'System' is not allowed: "
                                                + RuleCodeAllowList.allowedInWords() + " [refused: System]",
                                        "attacks/attack.drl:6 rule \"Exit\": 'exit' is not allowed: "
                                                + RuleCodeAllowList.allowedInWords() + " [refused: exit]"));
        assertThat(passes()).as("no pass recorded for the refused set").isEqualTo(1);
        RuleSetCompiler.compile("rules", SHIPPED, new CompiledRules(kept));
        assertThat(passes()).isEqualTo(1);
    }

    private long passes() throws IOException {
        try (Stream<Path> files = Files.list(kept)) {
            return files.filter(p -> p.toString().endsWith(".passed")).count();
        }
    }

    @Test
    void shouldRecompileOnlyThePackageThatChangedAndAnswerAsAWholeCompile() {
        CompiledRules cache = new CompiledRules(kept);
        RuleSetCompiler.compile("rules", SHIPPED, cache);

        RuleSetCompiler.Compiled parts = RuleSetCompiler.compile("rules", SECRET_REGULAR_NEEDS_DV, cache);
        RuleSetCompiler.Compiled whole = RuleSetCompiler.compile("rules", SECRET_REGULAR_NEEDS_DV);

        assertThat(parts.reused()).isEqualTo(PACKAGES - 1);
        assertAnswersAsWholeCompile(parts, whole);
    }

    @Test
    void shouldReplaceOnlyTheChangedPackageInAWarmCopyAndAnswerAsAWholeCompile() {
        CompiledRules cache = new CompiledRules(kept);
        RuleSetCompiler.Compiled copy = RuleSetCompiler.compile("rules", SHIPPED, cache);
        assertThat(test(copy).ok()).isTrue();

        RuleSetCompiler.Compiled changed = RuleSetCompiler.compile("rules", SECRET_REGULAR_NEEDS_DV, cache, copy);
        RuleSetCompiler.Compiled whole = RuleSetCompiler.compile("rules", SECRET_REGULAR_NEEDS_DV);

        assertThat(changed.onCopy()).isTrue();
        assertThat(changed.replaced()).isEqualTo(1);
        assertThat(changed.kieBase()).isSameAs(copy.kieBase());
        assertThat(changed.reused()).isEqualTo(PACKAGES - 1);
        assertThat(changed.parts()).isEqualTo(PACKAGES);
        assertThat(changed.ruleSet().rules()).isEqualTo(whole.ruleSet().rules());
        assertAnswersAsWholeCompile(changed, whole);
    }

    /** Every scenario gets the same result from both, and some fail: the matrix change must show in the answers. */
    private static void assertAnswersAsWholeCompile(RuleSetCompiler.Compiled actual, RuleSetCompiler.Compiled whole) {
        RuleSetTester.Report fromActual = test(actual);
        RuleSetTester.Report fromWhole = test(whole);
        assertThat(fromActual.failed()).isPositive();
        assertThat(fromActual.scenarios()).isEqualTo(fromWhole.scenarios());
        assertThat(fromActual.neverFired()).isEqualTo(fromWhole.neverFired());
    }

    @Test
    void shouldGoBackToTheShippedRulesOnAWarmCopyOfAnEditedSet() {
        CompiledRules cache = new CompiledRules(kept);
        RuleSetCompiler.compile("rules", SHIPPED, cache);
        Map<String, String> edited = edit(
                SECRET_REGULAR_NEEDS_DV,
                "needtoknow/need-to-know.csv",
                "HEAD_OF_SPECIAL_BRANCH,Head of Special Branch,",
                "HEAD_OF_SPECIAL_BRANCH,Head of the Special Branch,");
        RuleSetCompiler.Compiled copy = RuleSetCompiler.compile("rules", edited, cache);

        RuleSetCompiler.Compiled back = RuleSetCompiler.compile("rules", SHIPPED, cache, copy);

        assertThat(back.onCopy()).isTrue();
        assertThat(back.replaced()).isEqualTo(2);
        assertThat(back.reused()).isEqualTo(PACKAGES);
        RuleSetTester.Report report = test(back);
        assertThat(report.ok()).as("%s", report.problems()).isTrue();
        assertThat(report.passed()).isEqualTo(scenarios());
    }

    @Test
    void shouldCompileADamagedPartAgainAndKeepItAnew() throws IOException {
        RuleSetCompiler.compile("rules", SHIPPED, new CompiledRules(kept));
        try (Stream<Path> files = Files.list(kept)) {
            for (Path part : files.toList()) {
                Files.write(part, new byte[] {1, 2, 3});
            }
        }

        RuleSetCompiler.Compiled compiled = RuleSetCompiler.compile("rules", SHIPPED, new CompiledRules(kept));
        RuleSetCompiler.Compiled afterwards = RuleSetCompiler.compile("rules", SHIPPED, new CompiledRules(kept));

        assertThat(compiled.parts()).isEqualTo(PACKAGES);
        assertThat(compiled.reused()).isZero();
        assertThat(test(compiled).ok()).isTrue();
        assertThat(afterwards.reused()).isEqualTo(PACKAGES);
    }

    @Test
    void shouldReportTheSameProblemsAsOneCompileForABrokenFile() {
        Map<String, String> broken = edit(
                SHIPPED,
                "vetting/requirement.drl",
                "EffectiveVetting($held: level, $ladder.rank(level) < $ladder.rank($needed))",
                "EffectiveVetting($held: level, $ladder.rank(level) < )");

        List<RuleProblem> fromParts = problems(() -> RuleSetCompiler.compile("rules", broken, new CompiledRules(kept)));
        List<RuleProblem> fromWhole = problems(() -> RuleSetCompiler.compile("rules", broken));

        assertThat(fromParts).isNotEmpty().isEqualTo(fromWhole);
        assertThat(fromParts.get(0).file()).isEqualTo("vetting/requirement.drl");
    }

    /** A copy of {@code files} with {@code from} replaced by {@code to} in one file; fails if {@code from} is not there. */
    private static Map<String, String> edit(Map<String, String> files, String path, String from, String to) {
        assertThat(files.get(path)).as(path).contains(from);
        Map<String, String> edited = new TreeMap<>(files);
        edited.put(path, files.get(path).replace(from, to));
        return Collections.unmodifiableMap(edited);
    }

    private static List<RuleProblem> problems(Runnable compile) {
        try {
            compile.run();
        } catch (RuleSetException e) {
            return e.problems();
        }
        throw new AssertionError("expected the rule set to be refused");
    }
}
