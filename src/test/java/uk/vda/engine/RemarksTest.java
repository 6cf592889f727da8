package uk.vda.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.vda.engine.KeptSessions.document;
import static uk.vda.engine.KeptSessions.notes;
import static uk.vda.engine.KeptSessions.tiny;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.vda.policy.Evaluation;
import uk.vda.policy.HandlingCondition;
import uk.vda.policy.Reason;
import uk.vda.policy.Recommendation;

/**
 * What a rule says with {@code Explain.note}, {@code recommend} or {@code condition} (docs/decisions/0031) stands
 * exactly as truth maintenance would keep it: while the rule's match holds, and only what its latest firing on that
 * match said. Each rule set below is written three ways: saying ({@code Explain.note(kcontext, …);}), saying and
 * inserting ({@code insertLogical(Explain.note(kcontext, …))}, as rule sets were written before) and the reference,
 * which inserts {@code new Reason(…)} and so never goes near {@link Remarks}: working memory alone, on a new
 * session for each question. The first two must answer every question as the reference does, on kept sessions, in a
 * series and on new sessions, and leave kept sessions at rest.
 */
class RemarksTest {
    private static final Evaluation EVALUATION = new Evaluation(LocalDate.of(2026, 11, 28));

    /**
     * A note that holds on nothing (a kept session holds it at rest, a document undoes it); a note, a recommendation
     * and a condition on each document, which a later rule undoes for document "0" after they were said.
     */
    private static final String UNDONE = """
            rule "NoteNoDocument"
                @description("Notes that there is no document.")
                @source("test")
            when
                not Document()
            then
                @note("no document")@;
            end

            rule "NoteNumberUntilWithdrawn"
                @description("Notes a document's number, until the document is withdrawn.")
                @source("test")
                salience 10
            when
                $d: Document($id: id)
                not MissingFact(field == $id)
            then
                @note("number " + $id)@;
                @recommend("read " + $id)@;
                @condition("keep " + $id + " locked")@;
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

    /** Misses something for each document, after the rules of higher salience that count what is missing. */
    private static final String MISS_FOR = """
            rule "MissFor"
                @description("Misses something for each document.")
                @source("test")
                salience 5
            when
                Document($id: id)
            then
                insertLogical(new MissingFact($id, "x"));
            end
            """;

    /**
     * The count rule fires with 0, then again on the same match with 1 once a later rule inserts a missing fact: the
     * second firing must take back what the first said. Drools gives both firings the same propagation context.
     */
    private static final String FIRES_AGAIN = """
            rule "CountMissing"
                @description("Counts the missing facts for a document.")
                @source("test")
                salience 10
            when
                Number($n: intValue) from accumulate(MissingFact(), count())
                $d: Document($id: id)
            then
                @note("missing " + $n + " for " + $id)@;
            end
            """ + MISS_FOR;

    /** The rule fires again on the same match and this time says nothing: what it said before goes. */
    private static final String SAYS_NOTHING_AGAIN = """
            rule "NothingMissing"
                @description("Notes a document that misses nothing.")
                @source("test")
                salience 10
            when
                $d: Document($id: id)
                Number($n: intValue) from accumulate(MissingFact(field == $id), count())
            then
                if ($n == 0) {
                    @note("nothing missing for " + $id)@;
                }
            end
            """ + MISS_FOR;

    /** Rules that hold at rest and fire again, on the same match, when a question's documents come and go. */
    private static final String AT_REST = """
            rule "Base"
                @description("Holds on nothing.")
                @source("test")
            when
            then
                insertLogical(new MissingFact("base", "b"));
            end

            rule "CountDocuments"
                @description("Counts the documents.")
                @source("test")
            when
                Number($n: intValue) from accumulate(Document(), count())
                MissingFact(field == "base")
            then
                @note("documents " + $n)@;
            end

            rule "NoDocuments"
                @description("Notes that there are no documents, and says nothing when there are.")
                @source("test")
            when
                Number($n: intValue) from accumulate(Document(), count())
            then
                if ($n == 0) {
                    @recommend("add a document")@;
                }
            end
            """;

    private enum Form {
        SAYING,
        SAYING_AND_INSERTING,
        REFERENCE
    }

    private static final Pattern SAY = Pattern.compile("@(note|recommend|condition)\\((.*?)\\)@;");

    private static String written(String rules, Form form) {
        Matcher m = SAY.matcher(rules);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String what = m.group(2);
            String said = switch (m.group(1)) {
                case "note" ->
                    form == Form.REFERENCE
                            ? "new Reason(\"said\", Effect.NOTE, " + what + ", \"test\")"
                            : "Explain.note(kcontext, " + what + ")";
                case "recommend" ->
                    form == Form.REFERENCE
                            ? "new Recommendation(\"said\", " + what + ")"
                            : "Explain.recommend(kcontext, " + what + ")";
                default ->
                    form == Form.REFERENCE
                            ? "new HandlingCondition(\"said\", 1, " + what + ")"
                            : "Explain.condition(kcontext, 1, " + what + ")";
            };
            String statement = form == Form.SAYING ? said + ";" : "insertLogical(" + said + ");";
            m.appendReplacement(out, Matcher.quoteReplacement(statement));
        }
        m.appendTail(out);
        return out.toString();
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

    /** Everything a result says: its notes, recommendations and conditions, each sorted. */
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

    static Stream<Arguments> ruleSets() {
        List<Arguments> all = new ArrayList<>();
        for (String rules : List.of(UNDONE, FIRES_AGAIN, SAYS_NOTHING_AGAIN, AT_REST)) {
            for (Form form : List.of(Form.SAYING, Form.SAYING_AND_INSERTING)) {
                all.add(Arguments.of(
                        rules.lines()
                                .filter(l -> l.startsWith("rule"))
                                .findFirst()
                                .orElseThrow(),
                        form,
                        rules));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("ruleSets")
    void shouldSayWhatTruthMaintenanceKeepsOnKeptSessionsInASeriesAndOnNewSessions(
            String first, Form form, String rules) {
        PolicyEngine engine = tiny(written(rules, form));
        PolicyEngine reference = tiny(written(rules, Form.REFERENCE)).withNewSessions();
        PolicyEngine fresh = engine.withNewSessions();
        for (int round = 0; round < 2; round++) {
            for (List<Object> question : questions()) {
                List<List<String>> expected = said(reference.evaluate(question));
                assertThat(said(engine.evaluate(question)))
                        .as("kept, %s", question)
                        .isEqualTo(expected);
                assertThat(said(fresh.evaluate(question)))
                        .as("new, %s", question)
                        .isEqualTo(expected);
            }
        }
        try (PolicyEngine.Series series = engine.series(List.of(EVALUATION))) {
            for (List<Object> question : questions()) {
                List<Object> own = new ArrayList<>(question.subList(1, question.size()));
                assertThat(said(series.evaluate(own)))
                        .as("series, %s", own)
                        .isEqualTo(said(reference.evaluate(question)));
            }
        }
        assertThat(engine.sessions().made())
                .as("every question and the series left the kept session at rest, remarks included")
                .isEqualTo(1);
    }

    @Test
    void shouldHaveAReferenceThatSaysWhatTheRulesMean() {
        List<Object> question = List.of(EVALUATION, document("0"), document("4"));
        assertThat(said(tiny(written(UNDONE, Form.REFERENCE)).evaluate(question)))
                .containsExactly(List.of("number 4"), List.of("read 4"), List.of("keep 4 locked"));
        assertThat(said(tiny(written(FIRES_AGAIN, Form.REFERENCE)).evaluate(List.of(EVALUATION, document("1")))))
                .containsExactly(List.of("missing 1 for 1"), List.of(), List.of());
        assertThat(notes(tiny(written(SAYS_NOTHING_AGAIN, Form.REFERENCE)).evaluate(List.of(document("1")))))
                .isEmpty();
        assertThat(said(tiny(written(AT_REST, Form.REFERENCE)).evaluate(List.of(EVALUATION))))
                .containsExactly(List.of("documents 0"), List.of("add a document"), List.of());
        assertThat(said(tiny(written(AT_REST, Form.REFERENCE)).evaluate(List.of(document("1")))))
                .containsExactly(List.of("documents 1"), List.of(), List.of());
    }

    @Test
    void shouldDropARemarkWhoseMatchALaterRuleUndid() {
        EngineResult traced = tiny(written(UNDONE, Form.SAYING)).evaluateTraced(List.of(EVALUATION, document("0")));
        assertThat(traced.firedRules())
                .as("the note on document 0 was made, then undone")
                .contains("NoteNumberUntilWithdrawn", "WithdrawDocumentZero");
        assertThat(said(traced)).containsExactly(List.of(), List.of(), List.of());
    }

    @Test
    void shouldCountARemarkTheRuleAlsoInsertsOnce() {
        EngineResult result =
                tiny(written(FIRES_AGAIN, Form.SAYING_AND_INSERTING)).evaluate(List.of(EVALUATION, document("6")));
        assertThat(result.all(Reason.class)).hasSize(1);
        assertThat(notes(result)).containsExactly("missing 1 for 6");
    }
}
