package uk.vda.ruleset;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import uk.vda.catalogue.Vocabulary;
import uk.vda.decision.DecisionRequest;
import uk.vda.decision.DecisionResponse;
import uk.vda.decision.DecisionService;
import uk.vda.engine.PolicyEngine;
import uk.vda.parts.ReasonView;
import uk.vda.policy.Effect;
import uk.vda.vetting.AssessmentRequest;
import uk.vda.vetting.AssessmentResponse;
import uk.vda.vetting.AssessmentService;

/**
 * What a rule change would change for real people: replays questions (recent real ones from the decision log,
 * plus the scenarios and examples) against the live rule set and the candidate, and lists every answer that
 * differs, before → after, with the rule that now decides, summarised in words a policy reader understands.
 */
public final class ImpactAnalysis {
    private final DecisionService before;
    private final DecisionService after;
    private final AssessmentService beforeAssessments;
    private final AssessmentService afterAssessments;

    public ImpactAnalysis(PolicyEngine live, PolicyEngine candidate, Clock clock) {
        this.before = new DecisionService(live, new Vocabulary(live), clock);
        this.after = new DecisionService(candidate, new Vocabulary(candidate), clock);
        this.beforeAssessments = new AssessmentService(live, new Vocabulary(live), clock);
        this.afterAssessments = new AssessmentService(candidate, new Vocabulary(candidate), clock);
    }

    @Schema(description = "One answer that would change.")
    public record Change(
            @Schema(description = "Where the question comes from: audit:<id>, a scenario or an example file.")
            String source,

            @Schema(description = "DECISION or ASSESSMENT.") String kind,

            @Schema(description = "The question in a few words.")
            String question,

            @Schema(description = "The answer now (decision or verdict, and the vetting needed).")
            String before,

            @Schema(description = "The answer with the candidate.")
            String after,

            @Schema(description = "The rule that decides with the candidate.")
            String rule) {}

    @Schema(description = "What a candidate would change.")
    public record Report(
            @Schema(description = "Questions replayed.") int examined,

            @Schema(description = "Answers that would change.")
            List<Change> changes,

            @Schema(description = "The changes in words, grouped.")
            List<String> summary) {}

    /** A question to replay, with where it came from. */
    public record Question(String source, DecisionRequest decision, AssessmentRequest assessment) {}

    public Report analyse(List<Question> questions) {
        List<Change> changes = new ArrayList<>();
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        int examined = 0;
        for (Question q : questions) {
            examined++;
            Change change =
                    q.decision() != null ? decision(q.source(), q.decision()) : assessment(q.source(), q.assessment());
            if (change != null) {
                changes.add(change);
                String group = (q.decision() != null ? "decisions" : "assessments") + " change from " + change.before()
                        + " to " + change.after();
                counts.merge(group, 1, Integer::sum);
                groups.computeIfAbsent(group, g -> new LinkedHashSet<>()).add(change.question());
            }
        }
        List<String> summary = new ArrayList<>();
        counts.forEach((group, count) -> {
            List<String> kinds = new ArrayList<>(groups.get(group));
            String what = kinds.size() == 1
                    ? "all " + kinds.get(0)
                    : String.join("; ", kinds.subList(0, Math.min(3, kinds.size())))
                            + (kinds.size() > 3 ? "; and " + (kinds.size() - 3) + " more kinds" : "");
            summary.add(count + " " + (count == 1 ? group.replaceFirst("s change", " changes") : group) + ": " + what);
        });
        if (changes.isEmpty()) {
            summary.add("No answer changes among the " + examined + " questions replayed.");
        }
        return new Report(examined, changes, summary);
    }

    private Change decision(String source, DecisionRequest request) {
        DecisionResponse was = answer(() -> before.decide(request));
        DecisionResponse now = answer(() -> after.decide(request));
        String wasText = was == null ? "REFUSED" : was.decision() + " (needs " + was.requiredVetting() + ")";
        String nowText = now == null
                ? "REFUSED (the request is no longer valid)"
                : now.decision() + " (needs " + now.requiredVetting() + ")";
        if (was != null
                && now != null
                && was.decision() == now.decision()
                && Objects.equals(was.requiredVetting(), now.requiredVetting())) {
            return null;
        }
        if (was == null && now == null) {
            return null;
        }
        DecisionResponse described = now != null ? now : was;
        String question = described.marking().value() + " "
                + (described.access() == null
                        ? ""
                        : described.access().frequency().name().toLowerCase() + " ") + "access by "
                + described.effectiveVetting() + " holders";
        String rule = now == null
                ? "(validation)"
                : now.reasons().stream()
                        .filter(r -> r.effect() == (now.decision() == Effect.PERMIT ? Effect.PERMIT : Effect.DENY))
                        .map(ReasonView::rule)
                        .findFirst()
                        .orElse(
                                now.reasons().isEmpty()
                                        ? ""
                                        : now.reasons().get(0).rule());
        return new Change(source, "DECISION", question, wasText, nowText, rule);
    }

    private Change assessment(String source, AssessmentRequest request) {
        AssessmentResponse was = answer(() -> beforeAssessments.assess(request));
        AssessmentService.Traced traced = answer(() -> afterAssessments.assessTraced(request));
        AssessmentResponse now = traced == null ? null : traced.response();
        if (was == null && now == null) {
            return null;
        }
        if (was != null
                && now != null
                && was.verdict() == now.verdict()
                && Objects.equals(was.requiredVetting(), now.requiredVetting())) {
            return null;
        }
        String wasText = was == null ? "REFUSED" : was.verdict() + " (needs " + was.requiredVetting() + ")";
        String nowText = now == null
                ? "REFUSED (the request is no longer valid)"
                : now.verdict() + " (needs " + now.requiredVetting() + ")";
        AssessmentResponse described = now != null ? now : was;
        String question = "assessments of "
                + described.profile().stream()
                        .map(l -> l.marking() + " " + l.frequency().name().toLowerCase())
                        .distinct()
                        .reduce((a, b) -> a + " + " + b)
                        .orElse("posts");
        String rule = traced == null ? "(validation)" : traced.verdictRule() == null ? "" : traced.verdictRule();
        return new Change(source, "ASSESSMENT", question, wasText, nowText, rule);
    }

    private static <T> T answer(Supplier<T> supplier) {
        try {
            return supplier.get();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
