package uk.vda.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.vda.engine.KeptSessions.document;
import static uk.vda.engine.KeptSessions.notes;
import static uk.vda.engine.KeptSessions.notesForGood;
import static uk.vda.engine.KeptSessions.tiny;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.vda.decision.DecisionRequest;
import uk.vda.policy.Evaluation;
import uk.vda.policy.Reason;
import uk.vda.ruleset.ScenarioRunner;
import uk.vda.vetting.AssessmentRequest;

/**
 * A session kept between questions answers exactly as a new one would (docs/decisions/0017): every scenario and
 * example in random order gives, word for word, the answer it gets on a new session; a session that failed, or
 * kept a fact after its question's facts were taken out, is thrown away; a reload throws the old rules' sessions
 * away.
 */
class KeptSessionsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One question of the shipped scenarios and examples, and how to answer it with kept or new sessions: the
     * answer, and the answer with the rules that fired for it (as scenarios are run).
     */
    private record Question(
            String name,
            Supplier<Object> kept,
            Supplier<Object> fresh,
            Supplier<Object> keptTraced,
            Supplier<Object> freshTraced) {}

    private static List<Question> everyScenarioAndExample() throws IOException {
        KeptSessions engines = KeptSessions.shipped();
        List<Question> questions = new ArrayList<>();
        Map<String, String> files = new TreeMap<>(engines.kept.ruleSet().contents());
        try (Stream<Path> examples = Stream.concat(
                Files.list(Path.of("examples", "decisions")), Files.list(Path.of("examples", "vetting-assessments")))) {
            examples.filter(p -> p.getFileName().toString().contains(".request."))
                    .sorted()
                    .forEach(p -> files.put(p.toString(), wrapped(p)));
        }
        files.forEach((name, text) -> {
            if (!ScenarioRunner.isScenario(name) && !name.startsWith("examples")) {
                return;
            }
            JsonNode file = JSON.readTree(text);
            try {
                if (file.has("request")) {
                    DecisionRequest q = JSON.treeToValue(file.get("request"), DecisionRequest.class);
                    questions.add(new Question(
                            name,
                            () -> engines.decisions.decide(q),
                            () -> engines.freshDecisions.decide(q),
                            () -> engines.decisions.decideTraced(q),
                            () -> engines.freshDecisions.decideTraced(q)));
                } else if (file.has("assessment")) {
                    AssessmentRequest q = JSON.treeToValue(file.get("assessment"), AssessmentRequest.class);
                    questions.add(new Question(
                            name,
                            () -> engines.assessments.assess(q),
                            () -> engines.freshAssessments.assess(q),
                            () -> engines.assessments.assessTraced(q),
                            () -> engines.freshAssessments.assessTraced(q)));
                }
            } catch (JacksonException unreadable) {
                // a bad-request example: refused before any rule runs
            }
        });
        return questions;
    }

    /** An example request as a scenario holds one: under "request" (a decision) or "assessment". */
    private static String wrapped(Path example) {
        try {
            String kind = example.getParent().getFileName().toString().equals("decisions") ? "request" : "assessment";
            return "{\"" + kind + "\":" + Files.readString(example) + "}";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode answer(Supplier<Object> ask) {
        try {
            return KeptSessions.withoutId(ask.get());
        } catch (RuntimeException refused) {
            // a bad-request example: refused before the rules run, the same way either way
            return JSON.valueToTree(Map.of("refused", refused.getClass().getName()));
        }
    }

    @Test
    void shouldAnswerEveryScenarioAndExampleInAnyOrderAsANewSessionDoes() throws IOException {
        KeptSessions engines = KeptSessions.shipped();
        List<Question> questions = everyScenarioAndExample();
        assertThat(questions).hasSizeGreaterThanOrEqualTo(78 + 20);
        Map<String, JsonNode> expected = new HashMap<>();
        Map<String, JsonNode> expectedTraced = new HashMap<>();
        questions.forEach(q -> expected.put(q.name(), answer(q.fresh())));
        questions.forEach(q -> expectedTraced.put(q.name(), answer(q.freshTraced())));
        int madeBefore = engines.kept.sessions().made();

        for (long seed = 1; seed <= 3; seed++) {
            List<Question> shuffled = new ArrayList<>(questions);
            Collections.shuffle(shuffled, new Random(seed));
            for (Question q : shuffled) {
                assertThat(answer(q.kept())).as("%s (order %d)", q.name(), seed).isEqualTo(expected.get(q.name()));
                assertThat(answer(q.keptTraced()))
                        .as("%s traced (order %d)", q.name(), seed)
                        .isEqualTo(expectedTraced.get(q.name()));
            }
        }

        // one thread asking: the same session answered (nearly) every question, so the check above checked reuse
        assertThat(engines.kept.sessions().made() - madeBefore).isLessThanOrEqualTo(1);
        assertThat(engines.kept.sessions().idle()).isGreaterThanOrEqualTo(1);
    }

    /** A tiny rule set whose one rule notes a document's number, and fails on a document whose id is not one. */
    private static PolicyEngine numbersOnly() {
        return tiny("""
                rule "NoteNumber"
                    @description("Notes a document's number.")
                    @source("test")
                when
                    $d: Document()
                then
                    insertLogical(Explain.note(kcontext, "number " + Integer.parseInt($d.id())));
                end
                """);
    }

    @Test
    void shouldThrowAwayASessionWhoseEvaluationFailed() {
        PolicyEngine engine = numbersOnly();
        assertThat(notes(engine.evaluate(List.of(document("1"))))).containsExactly("number 1");
        assertThat(engine.sessions().idle()).isEqualTo(1);

        assertThatThrownBy(() -> engine.evaluate(List.of(document("boom")))).isInstanceOf(EvaluationException.class);

        assertThat(engine.sessions().idle())
                .as("the failed session is not kept")
                .isZero();
        assertThat(notes(engine.evaluate(List.of(document("2"))))).containsExactly("number 2");
        assertThat(engine.sessions().made()).isEqualTo(2);
    }

    @Test
    void shouldKeepASessionAtRestWithTheFactsOfRulesThatHoldOnNothing() {
        PolicyEngine engine = tiny("""
                rule "NoteNoDocument"
                    @description("Notes that there is no document: holds on an empty session too.")
                    @source("test")
                when
                    not Document()
                then
                    insertLogical(Explain.note(kcontext, "no document"));
                end
                """);
        PolicyEngine fresh = engine.withNewSessions();
        Evaluation evaluation = new Evaluation(LocalDate.of(2026, 11, 28));
        for (List<?> question : List.<List<?>>of(
                List.of(evaluation), List.of(evaluation, document("3")), List.of(evaluation), List.of(document("4")))) {
            assertThat(notes(engine.evaluate(question))).isEqualTo(notes(fresh.evaluate(question)));
        }
        assertThat(notes(engine.evaluate(List.of(evaluation)))).containsExactly("no document");
        assertThat(notes(engine.evaluate(List.of(document("5"))))).isEmpty();
        assertThat(engine.sessions().made()).isEqualTo(1);
    }

    @Test
    void shouldThrowAwayASessionThatStillHoldsAFactAfterItsQuestion() {
        // a fact inserted outright (not logically) outlives the facts that led to it
        PolicyEngine engine = notesForGood();
        assertThat(notes(engine.evaluate(List.of(document("6"))))).containsExactly("number 6");
        assertThat(engine.sessions().idle()).isZero();
        assertThat(notes(engine.evaluate(List.of(document("7"))))).containsExactly("number 7");
        assertThat(engine.sessions().made()).isEqualTo(2);
    }

    @Test
    void shouldRecordFiredRulesOnlyWhenTraced() {
        PolicyEngine engine = numbersOnly();
        assertThat(engine.evaluate(List.of(document("5"))).firedRules()).isEmpty();
        EngineResult traced = engine.evaluateTraced(List.of(document("6")));
        assertThat(traced.firedRules()).containsExactly("NoteNumber");
        assertThat(traced.insertedBy(traced.one(Reason.class))).isEqualTo("NoteNumber");
        assertThat(engine.evaluate(List.of(document("7"))).firedRules())
                .as("no listener left behind")
                .isEmpty();
        assertThat(engine.sessions().made()).isEqualTo(1);
    }

    @Test
    void shouldThrowAwayTheOldRulesSessionsWhenAnotherSetGoesLive() {
        PolicyEngine engine = numbersOnly();
        engine.evaluate(List.of(document("8")));
        SessionPool before = engine.sessions();
        assertThat(before.idle()).isEqualTo(1);

        engine.activate(numbersOnly());

        assertThat(before.idle()).isZero();
        assertThat(engine.sessions()).isNotSameAs(before);
        assertThat(notes(engine.evaluate(List.of(document("9"))))).containsExactly("number 9");
    }
}
