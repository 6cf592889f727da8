package uk.vda.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.vda.engine.KeptSessions.document;
import static uk.vda.engine.KeptSessions.notes;
import static uk.vda.engine.KeptSessions.tiny;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.vda.policy.Evaluation;
import uk.vda.policy.HandlingCondition;
import uk.vda.policy.Reason;
import uk.vda.policy.Recommendation;

/**
 * What a rule says with {@code Explain.note}, {@code recommend} or {@code condition} alone, without inserting it
 * (docs/decisions/0031), stands exactly as the same thing inserted logically would: while the rule's match holds.
 * Each test puts the same questions to the rules written both ways, on kept sessions, in a series and on new
 * sessions.
 */
class RemarksTest {
    private static final Evaluation EVALUATION = new Evaluation(LocalDate.of(2026, 11, 28));

    /**
     * A note that holds on nothing (so a kept session holds it at rest, and a document undoes it); a note on each
     * document that a later rule undoes for document "0" (a match undone after its rule fired); a recommendation
     * and a handling condition on each document. {@code %s} and {@code %e} are where the rule says a thing, once
     * as a statement, once inside {@code insertLogical}.
     */
    private static final String RULES = """
            rule "NoteNoDocument"
                @description("Notes that there is no document.")
                @source("test")
            when
                not Document()
            then
                %s(Explain.note(kcontext, "no document"))%e;
            end

            rule "NoteNumberUntilWithdrawn"
                @description("Notes a document's number, until the document is withdrawn.")
                @source("test")
                salience 10
            when
                $d: Document($id: id)
                not MissingFact(field == $id)
            then
                %s(Explain.note(kcontext, "number " + $id))%e;
                %s(Explain.recommend(kcontext, "read " + $id))%e;
                %s(Explain.condition(kcontext, 1, "keep " + $id + " locked"))%e;
            end

            rule "WithdrawDocumentZero"
                @description("Withdraws document 0, after the note on it was made.")
                @source("test")
                salience 5
            when
                Document(id == "0")
            then
                insertLogical(new MissingFact("0", "withdrawn"));
            end
            """;

    private static PolicyEngine saying() {
        return tiny(RULES.replace("%s(", "").replace(")%e", ""));
    }

    private static PolicyEngine inserting() {
        return tiny(RULES.replace("%s(", "insertLogical(").replace(")%e", ")"));
    }

    private static List<List<Object>> questions() {
        return List.of(
                List.of(EVALUATION),
                List.of(EVALUATION, document("1")),
                List.of(EVALUATION, document("0")),
                List.of(EVALUATION, document("2"), document("3")),
                List.of(EVALUATION),
                List.of(EVALUATION, document("0"), document("4")));
    }

    /** Everything a result says: its reasons, recommendations and conditions, each sorted. */
    private static List<List<String>> said(EngineResult result) {
        return List.of(
                notes(result),
                result.all(Recommendation.class).stream()
                        .map(Recommendation::text)
                        .sorted()
                        .toList(),
                result.all(HandlingCondition.class).stream()
                        .map(HandlingCondition::text)
                        .sorted()
                        .toList());
    }

    @Test
    void shouldSayWhatTheSameRulesInsertingLogicallySayOnKeptAndNewSessions() {
        PolicyEngine saying = saying();
        PolicyEngine inserting = inserting().withNewSessions();
        for (int round = 0; round < 2; round++) {
            for (List<Object> question : questions()) {
                assertThat(said(saying.evaluate(question)))
                        .as("%s", question)
                        .isEqualTo(said(inserting.evaluate(question)));
            }
        }
        assertThat(saying.sessions().made())
                .as("every question left the kept session at rest, remarks included")
                .isEqualTo(1);
    }

    @Test
    void shouldDropARemarkWhoseMatchALaterRuleUndid() {
        EngineResult result = saying().evaluate(List.of(EVALUATION, document("0"), document("4")));
        assertThat(said(result)).containsExactly(List.of("number 4"), List.of("read 4"), List.of("keep 4 locked"));
        EngineResult traced = saying().evaluateTraced(List.of(EVALUATION, document("0")));
        assertThat(traced.firedRules())
                .as("the note on document 0 was made, then undone")
                .contains("NoteNumberUntilWithdrawn", "WithdrawDocumentZero");
        assertThat(said(traced)).containsExactly(List.of(), List.of(), List.of());
    }

    @Test
    void shouldHoldARemarkOfRulesThatHoldOnNothingAtRestAndMakeItAgainAfterAQuestion() {
        PolicyEngine engine = saying();
        assertThat(notes(engine.evaluate(List.of(EVALUATION)))).containsExactly("no document");
        assertThat(notes(engine.evaluate(List.of(EVALUATION, document("5"))))).containsExactly("number 5");
        assertThat(notes(engine.evaluate(List.of(EVALUATION)))).containsExactly("no document");
        assertThat(engine.sessions().made()).isEqualTo(1);
        assertThat(engine.sessions().idle()).isEqualTo(1);
    }

    @Test
    void shouldAnswerASeriesAsEachEvaluationAloneDoes() {
        PolicyEngine saying = saying();
        PolicyEngine inserting = inserting().withNewSessions();
        try (PolicyEngine.Series series = saying.series(List.of(EVALUATION))) {
            for (List<Object> question : questions()) {
                List<Object> own = new ArrayList<>(question.subList(1, question.size()));
                assertThat(said(series.evaluate(own))).as("%s", own).isEqualTo(said(inserting.evaluate(question)));
            }
        }
        assertThat(saying.sessions().made())
                .as("one session for the whole series")
                .isEqualTo(1);
        assertThat(saying.sessions().idle()).isEqualTo(1);
    }

    @Test
    void shouldCountARemarkTheRuleAlsoInsertsOnce() {
        PolicyEngine engine = tiny("""
                rule "NoteTwice"
                    @description("Says a note and inserts it too.")
                    @source("test")
                when
                    $d: Document($id: id)
                then
                    insertLogical(Explain.note(kcontext, "number " + $id));
                end
                """);
        EngineResult result = engine.evaluate(List.of(document("6")));
        assertThat(result.all(Reason.class)).hasSize(1);
        assertThat(notes(result)).containsExactly("number 6");
    }
}
