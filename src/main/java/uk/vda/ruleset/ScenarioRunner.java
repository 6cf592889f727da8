package uk.vda.ruleset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import uk.vda.decision.DecisionResponse;
import uk.vda.decision.DecisionService;
import uk.vda.engine.RuleInfo;
import uk.vda.engine.RuleSet;
import uk.vda.parts.MissingFactView;
import uk.vda.parts.ReasonView;
import uk.vda.policy.Effect;
import uk.vda.vetting.AssessmentResponse;
import uk.vda.vetting.AssessmentService;

/**
 * Runs every scenario file under a rules folder through the decision service and reports, per scenario, expected
 * against actual, and for the rule set, the rules no scenario fired. The JUnit suite and the policy staff's test
 * command both use it, so "the tests pass" means the same thing everywhere.
 */
public final class ScenarioRunner {
    private static final ClassLoader LOADER = ScenarioRunner.class.getClassLoader();
    private static final ExecutorService THREADS =
            Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), task -> {
                Thread thread = new Thread(task, "scenarios");
                thread.setDaemon(true);
                thread.setContextClassLoader(LOADER);
                return thread;
            });
    /**
     * One mapper for every run: a runner is made for each test of a rule set (each reload), and a new mapper
     * starts with none of its readers built.
     */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final DecisionService decisions;
    private final AssessmentService assessments;

    public ScenarioRunner(DecisionService decisions, AssessmentService assessments) {
        this.decisions = decisions;
        this.assessments = assessments;
    }

    /**
     * One scenario's outcome; {@code mismatches} is empty when it passed. {@code contradictions}: the rows of
     * consistency/contradictions.csv its answer matches (warnings here; the build fails on them).
     */
    public record Result(
            String file,
            String description,
            List<String> mismatches,
            Set<String> firedRules,
            List<TableChecks.Finding> contradictions) {
        public Result(String file, String description, List<String> mismatches, Set<String> firedRules) {
            this(file, description, mismatches, firedRules, List.of());
        }

        public boolean passed() {
            return mismatches.isEmpty();
        }
    }

    /** All outcomes, and the rules of the rule set that no scenario fired. */
    public record Report(List<Result> results, List<String> neverFired) {
        public long failed() {
            return results.stream().filter(r -> !r.passed()).count();
        }
    }

    /** Scenario files of a rule set: {@code .json} files in a folder named {@code scenarios}. */
    public static boolean isScenario(String path) {
        return path.endsWith(".json") && (path.startsWith("scenarios/") || path.contains("/scenarios/"));
    }

    /**
     * Runs every scenario of a rule set (its files, as relative path → content), on every core: they are
     * independent questions to a service that answers concurrently anyway, and a reload waits on them. The
     * threads are the runner's own, with the service's class loader as their context loader: Drools finds its
     * run-time parts through it, and the common fork-join pool's threads do not have it in the packaged jar.
     */
    public Report runAll(RuleSet ruleSet) {
        List<Map.Entry<String, String>> files = ruleSet.contents().entrySet().stream()
                .filter(e -> isScenario(e.getKey()))
                .sorted(Map.Entry.comparingByKey())
                .toList();
        Contradictions consistency = Contradictions.of(ruleSet);
        List<Future<Result>> running = files.stream()
                .map(e -> THREADS.submit(() -> run(e.getKey(), e.getValue(), consistency)))
                .toList();
        List<Result> results = new ArrayList<>();
        for (Future<Result> result : running) {
            try {
                results.add(result.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running scenarios", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a scenario could not be run", e.getCause());
            }
        }
        Set<String> fired = new TreeSet<>();
        results.forEach(r -> fired.addAll(r.firedRules()));
        List<String> neverFired = ruleSet.rules().stream()
                .map(RuleInfo::name)
                .filter(n -> !fired.contains(n))
                .sorted()
                .toList();
        return new Report(results, neverFired);
    }

    public Result run(String name, String content) {
        return run(name, content, Contradictions.NONE);
    }

    private Result run(String name, String content, Contradictions consistency) {
        Scenario scenario;
        try {
            scenario = JSON.readValue(content, Scenario.class);
        } catch (RuntimeException e) {
            return new Result(
                    name, "(unreadable)", List.of("the scenario file cannot be read: " + e.getMessage()), Set.of());
        }
        if ((scenario.request() == null) == (scenario.assessment() == null) || scenario.expect() == null) {
            return new Result(
                    name,
                    scenario.description(),
                    List.of(
                            "a scenario needs \"expect\" and one of \"request\" (a disclosure question) or \"assessment\""),
                    Set.of());
        }
        try {
            if (scenario.request() != null) {
                DecisionService.Traced traced = decisions.decideTraced(scenario.request());
                return new Result(
                        name,
                        scenario.description(),
                        withFired(
                                scenario.expect(), traced.firedRules(), compare(scenario.expect(), traced.response())),
                        traced.firedRules(),
                        contradictions(consistency, name, traced.response()));
            }
            AssessmentService.Traced traced = assessments.assessTraced(scenario.assessment());
            return new Result(
                    name,
                    scenario.description(),
                    withFired(scenario.expect(), traced.firedRules(), compare(scenario.expect(), traced.response())),
                    traced.firedRules(),
                    contradictions(consistency, name, traced.response()));
        } catch (RuntimeException e) {
            return new Result(
                    name, scenario.description(), List.of("the request was rejected: " + e.getMessage()), Set.of());
        }
    }

    /** The rows of consistency/contradictions.csv an answer matches, as warnings naming the scenario. */
    private static List<TableChecks.Finding> contradictions(Contradictions consistency, String name, Object answer) {
        if (consistency == Contradictions.NONE) {
            return List.of();
        }
        return consistency.in(JSON.valueToTree(answer)).stream()
                .map(f -> new TableChecks.Finding(
                        "WARNING",
                        f.row().file(),
                        f.row().line(),
                        null,
                        name + " says " + f.one() + " beside " + f.other() + " ("
                                + f.row().id() + "): " + f.row().explanation()))
                .toList();
    }

    private static List<String> withFired(Scenario.Expect expect, Set<String> fired, List<String> mismatches) {
        List<String> all = new ArrayList<>(mismatches);
        if (expect.fired() != null) {
            expect.fired().stream()
                    .filter(rule -> !fired.contains(rule))
                    .forEach(rule -> all.add("rule " + rule + ": expected to fire, but it did not"));
        }
        return all;
    }

    static List<String> compare(Scenario.Expect expect, AssessmentResponse actual) {
        List<String> mismatches = new ArrayList<>();
        check(mismatches, "verdict", expect.verdict(), actual.verdict());
        check(mismatches, "requiredVetting", expect.requiredVetting(), actual.requiredVetting());
        if (expect.policeVetting() != null) {
            check(mismatches, "requiredPoliceVetting", expect.policeVetting(), actual.requiredPoliceVetting());
        }
        if (expect.costAvoided() != null) {
            check(
                    mismatches,
                    "costAvoided",
                    expect.costAvoided(),
                    actual.costAvoided() == null
                            ? null
                            : new Scenario.Cost(
                                    actual.costAvoided().min(),
                                    actual.costAvoided().max()));
        }
        if (expect.leadTimeAvoidedDays() != null) {
            check(mismatches, "leadTimeAvoidedDays", expect.leadTimeAvoidedDays(), actual.leadTimeAvoidedDays());
        }
        compareCommon(mismatches, expect, actual.reasons(), actual.missingFacts(), actual.recommendations());
        return mismatches;
    }

    static List<String> compare(Scenario.Expect expect, DecisionResponse actual) {
        List<String> mismatches = new ArrayList<>();
        check(mismatches, "decision", expect.decision(), actual.decision());
        check(mismatches, "requiredVetting", expect.requiredVetting(), actual.requiredVetting());
        if (expect.treatedAs() != null) {
            check(
                    mismatches,
                    "treatedAs",
                    expect.treatedAs(),
                    actual.marking() == null ? null : actual.marking().treatedAs());
        }
        compareCommon(mismatches, expect, actual.reasons(), actual.missingFacts(), actual.recommendations());
        if (expect.policeVetting() != null) {
            check(
                    mismatches,
                    "policeVetting",
                    expect.policeVetting(),
                    actual.policeVetting() == null
                            ? null
                            : actual.policeVetting().required());
        }
        if (expect.alternatives() != null) {
            Map<String, Effect> actualAlternatives = new LinkedHashMap<>();
            actual.alternatives().forEach(a -> actualAlternatives.put(a.id(), a.decision()));
            check(mismatches, "alternatives", expect.alternatives(), actualAlternatives);
        }
        return mismatches;
    }

    private static void compareCommon(
            List<String> mismatches,
            Scenario.Expect expect,
            List<ReasonView> reasons,
            List<MissingFactView> missingFacts,
            List<String> recommendations) {
        Set<String> actualReasons = new TreeSet<>();
        reasons.forEach(r -> actualReasons.add(r.rule()));
        List<String> expectedReasons = expect.reasons() == null ? List.of() : expect.reasons();
        for (String reason : expectedReasons) {
            if (!actualReasons.contains(reason)) {
                mismatches.add("reason " + reason + ": expected, but the answer's reasons are " + actualReasons);
            }
        }
        reasons.stream()
                .filter(r -> r.effect() == Effect.DENY && !expectedReasons.contains(r.rule()))
                .forEach(r -> mismatches.add("reason " + r.rule()
                        + ": the answer denies for it, but the scenario does not list it (" + r.message() + ")"));
        if (expect.notReasons() != null) {
            for (String rule : expect.notReasons()) {
                if (actualReasons.contains(rule)) {
                    mismatches.add("reason " + rule + ": must not be in the answer, but it is");
                }
            }
        }
        if (expect.missingFacts() != null) {
            Set<String> actualMissing = new TreeSet<>();
            missingFacts.forEach(m -> actualMissing.add(m.field()));
            check(mismatches, "missingFacts", new TreeSet<>(expect.missingFacts()), actualMissing);
        }
        if (expect.recommendations() != null) {
            check(mismatches, "number of recommendations", expect.recommendations(), recommendations.size());
        }
    }

    private static void check(List<String> mismatches, String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            mismatches.add(what + ": expected " + expected + ", actual " + actual);
        }
    }
}
