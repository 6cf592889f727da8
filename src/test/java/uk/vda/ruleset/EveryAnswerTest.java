package uk.vda.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.vda.catalogue.Vocabulary;
import uk.vda.catalogue.Wording;
import uk.vda.decision.DecisionRequest;
import uk.vda.decision.DecisionService;
import uk.vda.engine.PolicyEngine;
import uk.vda.engine.Tables;
import uk.vda.security.CostLimiter;
import uk.vda.system.RequestChecks;
import uk.vda.vetting.AssessmentRequest;
import uk.vda.vetting.AssessmentService;
import uk.vda.vetting.RosterEntry;
import uk.vda.vetting.RosterResponse;
import uk.vda.vetting.RosterService;

/**
 * Puts every scenario under {@code rules/**}{@code /scenarios} and every example under {@code examples/} to the
 * shipped rules and checks what every answer says: that it names things by their catalogue labels, never by code,
 * and that it matches no row of {@code rules/consistency/contradictions.csv} (issue 15.7: answers that contradict
 * themselves).
 */
class EveryAnswerTest {
    private static final Path RULES = Path.of("rules");
    private static final Path EXAMPLES = Path.of("examples");
    /**
     * Contradictions the shipped rules still make, each as "answer name | row id", until the rules that make them
     * are fixed. Every other contradiction fails the build, and so does an entry here that no answer makes any more.
     */
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Every answer, by the scenario or example it answers (a roster's lines as example#personId). */
    private static final Map<String, JsonNode> ANSWERS = new TreeMap<>();

    private static Wording wording;
    private static Contradictions contradictions;

    @BeforeAll
    static void answerEverything() throws IOException {
        PolicyEngine engine = PolicyEngine.over(RULES);
        Clock clock = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
        Vocabulary vocabulary = new Vocabulary(engine);
        DecisionService decisions = new DecisionService(engine, vocabulary, clock);
        AssessmentService assessments = new AssessmentService(engine, vocabulary, clock);
        RosterService rosters = new RosterService(
                assessments,
                new RequestChecks(Validation.buildDefaultValidatorFactory().getValidator()),
                CostLimiter.unlimited());
        wording = vocabulary.wording();
        contradictions = new Contradictions(engine.ruleSet().table(Tables.CONTRADICTIONS));

        for (Map.Entry<String, String> file : engine.ruleSet().contents().entrySet()) {
            if (!ScenarioRunner.isScenario(file.getKey())) {
                continue;
            }
            JsonNode scenario = JSON.readTree(file.getValue());
            String name = "rules/" + file.getKey();
            if (scenario.has("request")) {
                ANSWERS.put(
                        name,
                        JSON.valueToTree(
                                decisions.decide(JSON.treeToValue(scenario.get("request"), DecisionRequest.class))));
            } else {
                ANSWERS.put(
                        name,
                        JSON.valueToTree(assessments.assess(
                                JSON.treeToValue(scenario.get("assessment"), AssessmentRequest.class))));
            }
        }
        for (Path request : examples()) {
            String name = EXAMPLES.relativize(request).toString();
            String body = Files.readString(request);
            try {
                switch (request.getParent().getFileName().toString()) {
                    case "decisions" ->
                        ANSWERS.put(
                                name, JSON.valueToTree(decisions.decide(JSON.readValue(body, DecisionRequest.class))));
                    case "vetting-assessments" ->
                        ANSWERS.put(
                                name,
                                JSON.valueToTree(assessments.assess(JSON.readValue(body, AssessmentRequest.class))));
                    default -> {
                        RosterResponse roster = name.endsWith(".csv")
                                ? rosters.assess(rosters.readCsv(body.getBytes(StandardCharsets.UTF_8)))
                                : rosters.assess(JSON.readValue(body, new TypeReference<List<RosterEntry>>() {}));
                        roster.results()
                                .forEach(r -> ANSWERS.put(name + "#" + r.personId(), JSON.valueToTree(r.assessment())));
                    }
                }
            } catch (RuntimeException refused) {
                // a bad-request example: refused before any answer is made, so there is nothing to check
            }
        }
    }

    private static List<Path> examples() throws IOException {
        List<Path> requests = new ArrayList<>();
        for (String folder : List.of("decisions", "vetting-assessments", "roster")) {
            try (Stream<Path> files = Files.list(EXAMPLES.resolve(folder))) {
                files.filter(p -> p.getFileName().toString().contains(".request."))
                        .sorted()
                        .forEach(requests::add);
            }
        }
        return requests;
    }

    @Test
    void shouldAnswerEveryScenarioAndEveryGoodExample() {
        assertThat(ANSWERS.keySet()).filteredOn(n -> n.startsWith("rules/")).hasSizeGreaterThanOrEqualTo(40);
        assertThat(ANSWERS.keySet()).filteredOn(n -> !n.startsWith("rules/")).hasSizeGreaterThanOrEqualTo(8 + 3 + 24);
    }

    @TestFactory
    Stream<DynamicTest> everyAnswerNamesThingsByTheirLabels() {
        return ANSWERS.entrySet().stream()
                .map(answer -> DynamicTest.dynamicTest(answer.getKey(), () -> {
                    List<String> prose = new ArrayList<>();
                    prose(answer.getValue(), null, prose);
                    Map<String, Set<String>> codes = new TreeMap<>();
                    prose.forEach(text -> wording.codesIn(text)
                            .forEach(code -> codes.computeIfAbsent(code, c -> new TreeSet<>())
                                    .add(text)));

                    assertThat(codes)
                            .as("codes in the words of " + answer.getKey())
                            .isEmpty();
                    assertThat(answer.getValue().path("summary").asString(""))
                            .as("summary of " + answer.getKey())
                            .isNotBlank()
                            .endsWith(".")
                            .doesNotContain(". ");
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyAnswerIsConsistent() {
        return ANSWERS.entrySet().stream()
                .map(answer -> DynamicTest.dynamicTest(answer.getKey(), () -> {
                    List<String> found = contradictions.in(answer.getValue()).stream()
                            .map(Contradictions.Found::toString)
                            .toList();

                    assertThat(found).as("contradictions in " + answer.getKey()).isEmpty();
                }));
    }

    @Test
    void shouldFindEachSeededContradictionInAnAnswerMadeToContradictItself() {
        JsonNode answer = JSON.readTree("""
                {"summary": "No — this access needs SC; vetting is not the issue.", "decision": "DENY", "needToKnow": false,
                 "requiredVetting": "NONE", "access": {"frequency": "REGULAR"},
                 "marking": {"note": "It is treated as OFFICIAL under the Government Security Classifications."},
                 "reasons": [{"rule": "DenyInsufficientVetting", "effect": "DENY", "message": "This access needs SC."},
                             {"rule": "DenyWithoutForceVetting", "effect": "DENY", "message": "Force vetting is needed."},
                             {"rule": "X", "effect": "NOTE", "message": "NPPV2 (abbreviated) counts as BPSS here."},
                             {"rule": "Y", "effect": "NOTE", "message": "For national material it counts as no vetting at all."},
                             {"rule": "Z", "effect": "NOTE", "message": "CONFIDENTIAL is treated as OFFICIAL-SENSITIVE by default."}],
                 "conditions": ["Keep it in an approved security container"],
                 "alternatives": [{"id": "partner", "decision": "DENY"}],
                 "recommendations": ["Before requesting SC vetting, ask the originator for a lower-marked version."]}
                """);

        assertThat(contradictions.in(answer))
                .extracting(f -> f.row().id())
                .containsExactlyInAnyOrderElementsOf(contradictions.rows().stream()
                        .map(Contradictions.Row::id)
                        .toList());
    }

    @Test
    void shouldFindNoContradictionWhenTheOtherSideIsAbsent() {
        JsonNode answer = JSON.readTree("""
                {"summary": "No — none of the roles gives a need to know; vetting is not the issue.", "needToKnow": false,
                 "reasons": [{"rule": "DenyWithoutNeedToKnow", "effect": "DENY", "message": "No need to know."}],
                 "alternatives": [{"id": "partner", "decision": "DENY"}],
                 "recommendations": ["The partner version is refused too: none of the roles gives a need to know for it."]}
                """);

        assertThat(contradictions.in(answer)).isEmpty();
    }

    /** The words of an answer: its summary, messages, notes, recommendations and conditions. */
    private static void prose(JsonNode node, String key, List<String> texts) {
        if (node.isString()) {
            if (Set.of("summary", "message", "note", "recommendations", "conditions")
                    .contains(key)) {
                texts.add(node.asString());
            }
        } else if (node.isArray()) {
            node.forEach(element -> prose(element, key, texts));
        } else if (node.isObject()) {
            node.properties().forEach(field -> prose(field.getValue(), field.getKey(), texts));
        }
    }
}
