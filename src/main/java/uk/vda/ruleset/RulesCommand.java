package uk.vda.ruleset;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.vda.engine.PolicyEngine;
import uk.vda.engine.RuleSetException;

/**
 * The policy staff's test command: {@code java -jar target/vetting-advisor-*.jar rules test [rules-folder]}.
 * Compiles the rules, checks the tables, runs every scenario and prints PASS or FAIL with expected against
 * actual, then the rules no scenario fires, then {@code N passed, M failed}. Exits 1 on any failure or compile
 * error. It needs no database and no server.
 */
public final class RulesCommand {
    private RulesCommand() {}

    public static int run(String[] args, PrintStream out) {
        if (args.length < 2 || !args[1].equals("test")) {
            out.println("usage: rules test [rules-folder]   (default ./rules)");
            return 2;
        }
        // A command for people: only warnings and errors from the libraries, not their start-up chatter.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Path folder = Path.of(args.length > 2 ? args[2] : "rules");
        PolicyEngine engine;
        try {
            engine = PolicyEngine.over(folder);
        } catch (RuleSetException e) {
            out.println("The rule set in " + folder + " does not compile:");
            e.problems().forEach(p -> out.println("  " + p));
            out.println("0 passed, 1 failed");
            return 1;
        }
        RuleSetTester.Report report = RuleSetTester.test(engine, Clock.systemDefaultZone());
        out.println("Rule set " + report.version() + " from " + folder + ": "
                + engine.ruleSet().ruleCount() + " rules");
        if (!report.tableFindings().isEmpty()) {
            out.println();
            out.println("Table checks:");
            report.tableFindings().forEach(f -> out.println("  " + f));
        }
        if (!report.contradictions().isEmpty()) {
            out.println();
            out.println("Answers that contradict themselves (warnings here; the build fails on them):");
            report.contradictions().forEach(f -> out.println("  " + f));
        }
        out.println();
        for (RuleSetTester.ScenarioResult result : report.scenarios()) {
            out.println((result.passed() ? "PASS " : "FAIL ") + result.file() + " - " + result.description());
            result.mismatches().forEach(m -> out.println("       " + m));
        }
        out.println();
        if (report.neverFired().isEmpty()) {
            out.println("Coverage: every rule and table row is fired by some scenario.");
        } else {
            out.println("Coverage: " + report.neverFired().size()
                    + " rule(s) no scenario fires (a table row's rule is named after its cells):");
            report.neverFired().forEach(r -> out.println("  " + r + "  (" + fileOf(engine, r) + ")"));
        }
        out.println(report.passed() + " passed, " + report.failed() + " failed");
        return report.ok() ? 0 : 1;
    }

    private static String fileOf(PolicyEngine engine, String rule) {
        return engine.ruleSet().rules().stream()
                .filter(r -> r.name().equals(rule))
                .map(r -> r.file() + ", " + r.source())
                .findFirst()
                .orElse("");
    }
}
