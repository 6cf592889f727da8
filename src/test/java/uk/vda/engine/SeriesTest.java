package uk.vda.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.vda.engine.KeptSessions.document;
import static uk.vda.engine.KeptSessions.notes;
import static uk.vda.engine.KeptSessions.notesForGood;
import static uk.vda.engine.KeptSessions.tiny;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.vda.policy.Evaluation;

/**
 * Evaluations that share facts in one kept session (docs/decisions/0023) answer as evaluations each alone on new
 * sessions do; a session that does not come back to what the shared facts settled to is thrown away, and so is one
 * that failed; closing gives it back at rest; a reload in the middle moves the series to the new rules.
 */
class SeriesTest {
    private static final Evaluation EVALUATION = new Evaluation(LocalDate.of(2026, 11, 28));

    /**
     * Rules over a shared fact and a document: one holds on the shared fact alone and stops holding while a
     * document is there (its note is retracted and made again), one joins both, one fails on a non-numeric id.
     */
    private static PolicyEngine engine() {
        return tiny("""
                rule "NoteNoDocument"
                    @description("Notes that there is no document.")
                    @source("test")
                when
                    Evaluation($asOf: asOf)
                    not Document()
                then
                    insertLogical(Explain.note(kcontext, "no document on " + $asOf));
                end

                rule "NoteNumber"
                    @description("Notes a document's number and the date.")
                    @source("test")
                when
                    Evaluation($asOf: asOf)
                    $d: Document()
                then
                    insertLogical(Explain.note(kcontext, "number " + Integer.parseInt($d.id()) + " on " + $asOf));
                end
                """);
    }

    private static List<Object> with(Object... own) {
        List<Object> all = new ArrayList<>(List.of(EVALUATION));
        all.addAll(List.of(own));
        return all;
    }

    @Test
    void shouldAnswerEachEvaluationAsANewSessionDoesAndGiveTheSessionBackAtRest() {
        PolicyEngine engine = engine();
        PolicyEngine fresh = engine.withNewSessions();
        try (PolicyEngine.Series series = engine.series(List.of(EVALUATION))) {
            for (List<Object> own : List.<List<Object>>of(
                    List.of(document("1")), List.of(), List.of(document("2"), document("3")), List.of(document("4")))) {
                List<Object> all = with(own.toArray());
                assertThat(notes(series.evaluate(own))).as("%s", own).isEqualTo(notes(fresh.evaluate(all)));
            }
            assertThat(notes(series.evaluate(List.of(document("5"))))).containsExactly("number 5 on 2026-11-28");
        }
        assertThat(engine.sessions().made())
                .as("one session for the whole series")
                .isEqualTo(1);
        assertThat(engine.sessions().idle()).as("given back").isEqualTo(1);
        assertThat(notes(engine.evaluate(with(document("6"))))).containsExactly("number 6 on 2026-11-28");
        assertThat(engine.sessions().made()).isEqualTo(1);
    }

    @Test
    void shouldGoOnAnewAfterAnEvaluationFailed() {
        PolicyEngine engine = engine();
        try (PolicyEngine.Series series = engine.series(List.of(EVALUATION))) {
            assertThat(notes(series.evaluate(List.of(document("1"))))).containsExactly("number 1 on 2026-11-28");
            assertThatThrownBy(() -> series.evaluate(List.of(document("boom"))))
                    .isInstanceOf(EvaluationException.class);
            assertThat(notes(series.evaluate(List.of(document("2"))))).containsExactly("number 2 on 2026-11-28");
        }
        assertThat(engine.sessions().made())
                .as("the failed session thrown away, a new one for the rest")
                .isEqualTo(2);
        assertThat(engine.sessions().idle()).isEqualTo(1);
    }

    @Test
    void shouldThrowAwayASessionThatKeptAFactAfterAnEvaluation() {
        // a fact inserted outright (not logically) outlives the document that led to it
        PolicyEngine engine = notesForGood();
        try (PolicyEngine.Series series = engine.series(List.of(EVALUATION))) {
            assertThat(notes(series.evaluate(List.of(document("7"))))).containsExactly("number 7");
            assertThat(notes(series.evaluate(List.of(document("8")))))
                    .as("nothing of the evaluation before")
                    .containsExactly("number 8");
            assertThat(notes(series.evaluate(List.of(document("9"))))).containsExactly("number 9");
        }
        assertThat(engine.sessions().made()).as("a new session after each").isEqualTo(3);
        assertThat(engine.sessions().idle()).isZero();
    }

    @Test
    void shouldMoveToTheNewRulesWhenAnotherSetGoesLiveInTheMiddle() {
        PolicyEngine engine = engine();
        try (PolicyEngine.Series series = engine.series(List.of(EVALUATION))) {
            assertThat(notes(series.evaluate(List.of(document("1"))))).containsExactly("number 1 on 2026-11-28");
            SessionPool before = engine.sessions();

            engine.activate(tiny("""
                    rule "NoteId"
                        @description("Notes a document's id.")
                        @source("test")
                    when
                        $d: Document()
                    then
                        insertLogical(Explain.note(kcontext, "id " + $d.id()));
                    end
                    """));

            assertThat(notes(series.evaluate(List.of(document("2"))))).containsExactly("id 2");
            assertThat(before.idle())
                    .as("the old rules' session is not given back")
                    .isZero();
        }
        assertThat(engine.sessions().idle()).isEqualTo(1);
    }
}
