package uk.vda.ruleset;

import io.swagger.v3.oas.annotations.media.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.vda.audit.AuditEntry;
import uk.vda.audit.AuditLog;
import uk.vda.decision.DecisionRequest;
import uk.vda.engine.PolicyEngine;
import uk.vda.engine.RuleProblem;
import uk.vda.engine.RuleSetException;
import uk.vda.security.Scope;
import uk.vda.system.AdvisorMetrics;
import uk.vda.system.Ids;
import uk.vda.system.NotFoundException;
import uk.vda.vetting.AssessmentRequest;

/**
 * Candidate → publish → rollback. A candidate is the live rule set with some files changed (or a whole new set);
 * it is compiled, checked, tested and its impact on recent real answers measured, without touching what is
 * live. Only a candidate that compiles and passes every test can be published; any version this database has
 * seen can be made live again in one call. Every step is written to the decision log and the rule-set history.
 */
@Service
public class RuleSetAdmin {
    private static final int KEPT = 20;
    private static final int REPLAYED_DECISIONS = 500;
    private static final int REPLAYED_ASSESSMENTS = 200;

    private final PolicyEngine engine;
    private final RuleSetHistory history;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Clock clock;
    private final Map<String, Candidate> candidates = new LinkedHashMap<>();

    private final AdvisorMetrics metrics;

    public RuleSetAdmin(
            PolicyEngine engine,
            RuleSetHistory history,
            AuditLog audit,
            JsonMapper json,
            Clock clock,
            AdvisorMetrics metrics) {
        this.metrics = metrics;
        this.engine = engine;
        this.history = history;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    private record Candidate(CandidateReport report, PolicyEngine engine) {}

    @Schema(description = "What a candidate rule set would be, and whether it can go live.")
    public record CandidateReport(
            @Schema(description = "The candidate's id, for publishing.")
            String id,

            @Schema(description = "A label for people.") String label,

            @Schema(description = "Its version (content hash); null when it does not compile.")
            String version,

            @Schema(description = "The live version it was based on.")
            String basedOn,

            @Schema(description = "Files changed, added or removed against the live set.")
            List<String> changedFiles,

            @Schema(description = "Who uploaded it.") String uploadedBy,
            @Schema(description = "When.") Instant uploadedAt,

            @Schema(description = "Compile errors and forbidden code, by file and line; empty when it compiles.")
            List<RuleProblem> problems,

            @Schema(description = "Table checks, scenarios and coverage; null when it does not compile.")
            RuleSetTester.Report tests,

            @Schema(description = "Answers that would change; null when it does not compile.")
            ImpactAnalysis.Report impact,

            @Schema(description = "True when it compiles and every test passes.")
            boolean publishable) {}

    @Schema(description = "A rule set made live.")
    public record Activation(
            @Schema(description = "PUBLISH or ROLLBACK.") String kind,

            @Schema(description = "The version live before.")
            String fromVersion,

            @Schema(description = "The version live now.") String toVersion,
            @Schema(description = "Who.") String actor,
            @Schema(description = "Why.") String reason,

            @Schema(description = "The tests of the version made live.")
            RuleSetTester.Report tests) {}

    /**
     * Makes a candidate from the live files with {@code changes} applied (a null content removes a file), or
     * from {@code changes} alone when {@code wholeSet}.
     */
    public synchronized CandidateReport submit(String label, Map<String, String> changes, boolean wholeSet) {
        Map<String, String> live = engine.ruleSet().contents();
        Map<String, String> files = new TreeMap<>(wholeSet ? Map.of() : live);
        changes.forEach((path, content) -> {
            if (content == null) {
                files.remove(path);
            } else {
                files.put(path, content);
            }
        });
        List<String> changed = new ArrayList<>();
        new TreeMap<>(files).forEach((path, content) -> {
            if (!content.equals(live.get(path))) {
                changed.add(path);
            }
        });
        live.keySet().stream().filter(p -> !files.containsKey(p)).forEach(p -> changed.add(p + " (removed)"));
        requireCodeScope(changed);
        String id = Ids.next();
        List<RuleProblem> problems = new ArrayList<>();
        PolicyEngine candidate = null;
        try {
            // compiling checks every rule file against the sandbox first: nothing of a refused file is compiled or run
            candidate = engine.candidate("candidate " + id, files);
        } catch (RuleSetException e) {
            problems.addAll(e.problems());
        }
        RuleSetTester.Report tests = candidate == null ? null : RuleSetTester.test(candidate, clock);
        ImpactAnalysis.Report impact =
                candidate == null ? null : new ImpactAnalysis(engine, candidate, clock).analyse(questions(candidate));
        CandidateReport report = new CandidateReport(
                id,
                label,
                candidate == null ? null : candidate.ruleSet().version(),
                engine.ruleSet().version(),
                changed,
                actor(),
                clock.instant(),
                problems,
                tests,
                impact,
                candidate != null && tests.ok());
        if (candidate != null) {
            history.remember(candidate.ruleSet(), label);
        }
        candidates.put(id, new Candidate(report, candidate));
        while (candidates.size() > KEPT) {
            candidates.remove(candidates.keySet().iterator().next());
        }
        record(
                "CANDIDATE",
                report.version(),
                Map.of("label", String.valueOf(label), "changedFiles", changed),
                Map.of(
                        "id",
                        id,
                        "publishable",
                        report.publishable(),
                        "problems",
                        problems.size(),
                        "failed",
                        tests == null ? 0 : tests.failed()));
        return report;
    }

    /**
     * Rule code (.drl rule files, .drt templates) can say anything the sandbox allows, tables only what their column
     * types allow: changing code is the separate scope rules:code, held by administrators. A refusal is logged.
     */
    private void requireCodeScope(List<String> changed) {
        List<String> code = changed.stream()
                .filter(p -> p.matches(".*\\.(drl|drt)( \\(removed\\))?$"))
                .toList();
        if (code.isEmpty() || hasScope(Scope.RULES_CODE)) {
            return;
        }
        record(
                "CANDIDATE_REFUSED",
                null,
                Map.of("changedFiles", changed),
                Map.of("reason", "scope rules:code missing", "codeFiles", code));
        throw new RuleCodeScopeException(code);
    }

    private static boolean hasScope(Scope scope) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        // no authentication: the service itself (start-up, the rules command), never a request
        return auth == null
                || auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(scope.authority()));
    }

    public synchronized Optional<CandidateReport> candidate(String id) {
        return Optional.ofNullable(candidates.get(id)).map(Candidate::report);
    }

    public synchronized Activation publish(String id, String reason) {
        Candidate candidate = candidates.get(id);
        if (candidate == null) {
            throw new NotFoundException(
                    "No candidate has the id " + id + " (candidates are kept for the last " + KEPT + " uploads)");
        }
        if (!candidate.report().publishable()) {
            throw candidate.engine() == null
                    ? NotPublishableException.refused(id)
                    : NotPublishableException.failing(
                            id,
                            candidate.report().version(),
                            candidate.report().tests().failed());
        }
        return activate(
                candidate.engine(), "PUBLISH", reason, candidate.report().tests());
    }

    /** Makes a version this database has seen live again (a rollback, or a roll forward). */
    public synchronized Activation activate(String version, String reason) {
        Map<String, String> files = history.files(version)
                .orElseThrow(() -> new NotFoundException("This database has no rule set with the version " + version));
        PolicyEngine restored = engine.candidate("version " + version, files);
        return activate(restored, "ROLLBACK", reason, RuleSetTester.test(restored, clock));
    }

    /**
     * The one way a publish or a rollback goes live, and so the one place that refuses a set whose tests fail
     * (every uploaded candidate is kept as a version, failing ones too).
     */
    private Activation activate(PolicyEngine next, String kind, String reason, RuleSetTester.Report tests) {
        if (!tests.ok()) {
            throw NotPublishableException.version(next.ruleSet().version(), tests.failed());
        }
        String from = engine.ruleSet().version();
        engine.activate(next);
        history.activated(next.ruleSet(), kind, actor(), reason);
        metrics.ruleSet(kind);
        record(
                kind,
                next.ruleSet().version(),
                Map.of("from", from, "to", next.ruleSet().version(), "reason", String.valueOf(reason)),
                Map.of("from", from, "to", next.ruleSet().version()));
        return new Activation(kind, from, next.ruleSet().version(), actor(), reason, tests);
    }

    private void record(String step, String version, Object request, Object response) {
        audit.record(new AuditEntry(
                Ids.next(), "RULESET", "/api/v1/rule-sets", null, null, step, version, 0, request, response));
    }

    /** Recent real questions from the decision log, then the candidate's scenarios and the examples on disk. */
    private List<ImpactAnalysis.Question> questions(PolicyEngine candidate) {
        List<ImpactAnalysis.Question> questions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : audit.recentRequests("DECISION", REPLAYED_DECISIONS)) {
            read(e.getValue(), DecisionRequest.class)
                    .ifPresent(r -> questions.add(new ImpactAnalysis.Question("audit:" + e.getKey(), r, null)));
        }
        for (Map.Entry<String, JsonNode> e : audit.recentRequests("ASSESSMENT", REPLAYED_ASSESSMENTS)) {
            read(e.getValue(), AssessmentRequest.class)
                    .ifPresent(r -> questions.add(new ImpactAnalysis.Question("audit:" + e.getKey(), null, r)));
        }
        candidate.ruleSet().contents().forEach((path, content) -> {
            if (ScenarioRunner.isScenario(path)) {
                JsonNode scenario = json.readTree(content);
                if (scenario.has("request")) {
                    read(scenario.get("request"), DecisionRequest.class)
                            .ifPresent(r -> questions.add(new ImpactAnalysis.Question(path, r, null)));
                } else if (scenario.has("assessment")) {
                    read(scenario.get("assessment"), AssessmentRequest.class)
                            .ifPresent(r -> questions.add(new ImpactAnalysis.Question(path, null, r)));
                }
            }
        });
        examples("decisions")
                .forEach(p -> read(p, DecisionRequest.class)
                        .ifPresent(r -> questions.add(
                                new ImpactAnalysis.Question("examples/decisions/" + p.getFileName(), r, null))));
        examples("vetting-assessments")
                .forEach(p -> read(p, AssessmentRequest.class)
                        .ifPresent(r -> questions.add(new ImpactAnalysis.Question(
                                "examples/vetting-assessments/" + p.getFileName(), null, r))));
        return questions;
    }

    private static List<Path> examples(String folder) {
        Path dir = Path.of("examples", folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".request.json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private <T> Optional<T> read(Object source, Class<T> type) {
        try {
            return Optional.of(
                    source instanceof Path p
                            ? json.readValue(Files.readString(p), type)
                            : json.treeToValue((JsonNode) source, type));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "service" : auth.getName();
    }
}
