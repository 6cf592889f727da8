package uk.vda.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.vda.catalogue.Vocabulary;
import uk.vda.engine.PolicyEngine;
import uk.vda.policy.Effect;

/**
 * A run answers one person's questions in one kept session (docs/decisions/0023), as a batch does: every person of
 * the shipped scenarios and examples asked about every document of them (with its lower-marked versions), person by
 * person, gets word for word the answer each question gets alone on new sessions; asked without words (a batch
 * with no explanation), exactly that answer's outcome.
 */
class RunTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

    /** The decision questions of the shipped scenarios and examples that the service answers (not the bad requests). */
    private static List<DecisionRequest> shippedQuestions(DecisionService service) throws IOException {
        List<DecisionRequest> questions = new ArrayList<>();
        try (Stream<Path> files =
                Stream.concat(Files.walk(Path.of("rules")), Files.list(Path.of("examples", "decisions")))) {
            for (Path file : files.sorted().toList()) {
                String name = file.toString();
                boolean scenario = name.contains("/scenarios/") && name.endsWith(".json");
                if (!scenario && !name.endsWith(".request.json")) {
                    continue;
                }
                JsonNode node = JSON.readTree(file.toFile());
                JsonNode request = scenario ? node.get("request") : node;
                if (request == null) {
                    continue; // an assessment scenario
                }
                try {
                    DecisionRequest question = JSON.treeToValue(request, DecisionRequest.class);
                    service.decide(question);
                    questions.add(question);
                } catch (RuntimeException refused) {
                    // a bad-request example: refused before any rule runs
                }
            }
        }
        return questions;
    }

    /** One pair's check: a question answered within {@code run} by {@code service}, against {@code fresh} alone. */
    private interface PairCheck {
        void check(DecisionService service, DecisionService.Run run, DecisionService fresh, DecisionRequest question);
    }

    /**
     * Asks {@code size} of the shipped people (in an order drawn from {@code seed}) each about {@code size} of the
     * shipped documents, person by person in one run, as a batch does; returns how many pairs were checked.
     */
    private static int eachPersonAboutEachDocumentInARun(int size, long seed, PairCheck pair) throws IOException {
        PolicyEngine engine = PolicyEngine.over(Path.of("rules"));
        Vocabulary vocabulary = new Vocabulary(engine);
        DecisionService service = new DecisionService(engine, vocabulary, CLOCK);
        DecisionService fresh = new DecisionService(engine.withNewSessions(), vocabulary, CLOCK);
        List<DecisionRequest> shipped = shippedQuestions(fresh);
        assertThat(shipped).hasSizeGreaterThan(90);
        assertThat(shipped.stream()
                        .filter(q -> q.document().alternatives() != null
                                && !q.document().alternatives().isEmpty()))
                .as("some with lower-marked versions")
                .isNotEmpty();
        List<DecisionRequest> people = new ArrayList<>(shipped);
        List<DecisionRequest> documents = new ArrayList<>(shipped);
        Collections.shuffle(people, new Random(seed));
        Collections.shuffle(documents, new Random(seed + 1));
        int checked = 0;
        try (DecisionService.Run run = service.run()) {
            for (DecisionRequest person : people.subList(0, size)) {
                for (DecisionRequest document : documents.subList(0, size)) {
                    pair.check(
                            service,
                            run,
                            fresh,
                            new DecisionRequest(person.person(), document.document(), person.access(), person.asOf()));
                    checked++;
                }
            }
        }
        return checked;
    }

    @Test
    void shouldAnswerEveryPersonAboutEveryDocumentInARunAsEachAloneOnNewSessions() throws IOException {
        int compared = eachPersonAboutEachDocumentInARun(
                30,
                23,
                (service, run, fresh, question) -> assertThat(withoutId(service.answer(question, null, run)))
                        .as(
                                "%s about %s",
                                question.person().id(), question.document().id())
                        .isEqualTo(withoutId(fresh.decide(question))));
        assertThat(compared).isEqualTo(900);
    }

    @Test
    void shouldGiveInARunWithoutWordsExactlyTheOutcomeOfTheWordedAnswerAlone() throws IOException {
        int[] permits = {0};
        int compared = eachPersonAboutEachDocumentInARun(20, 25, (service, run, fresh, question) -> {
            DecisionResponse outcome = service.outcome(question, null, run);
            DecisionResponse worded = fresh.decide(question);
            assertThat(outcome.summary()).isNull();
            assertThat(outcome.reasons()).isEmpty();
            assertThat(worded.reasons()).isNotEmpty();
            assertThat(withoutId(outcome))
                    .as(
                            "%s about %s",
                            question.person().id(), question.document().id())
                    .isEqualTo(withoutId(withoutWords(worded)));
            permits[0] += worded.decision() == Effect.PERMIT ? 1 : 0;
        });
        assertThat(compared).isEqualTo(400);
        assertThat(permits[0]).as("permits and refusals both compared").isBetween(1, 399);
    }

    /** The worded answer as {@link DecisionService#outcome} gives it: its words taken out. */
    private static DecisionResponse withoutWords(DecisionResponse r) {
        return new DecisionResponse(
                null,
                r.decisionId(),
                r.decision(),
                r.requiredVetting(),
                r.effectiveVetting(),
                r.vettingSufficient(),
                r.needToKnow(),
                new DecisionResponse.MarkingView(
                        r.marking().value(), r.marking().scheme(), r.marking().treatedAs(), null),
                r.access(),
                r.policeVetting(),
                List.of(),
                List.of(),
                r.alternatives(),
                List.of(),
                List.of(),
                r.ruleSet(),
                r.asOf());
    }

    private static JsonNode withoutId(DecisionResponse answer) {
        return JSON.valueToTree(DecisionService.withId(answer, "-"));
    }
}
