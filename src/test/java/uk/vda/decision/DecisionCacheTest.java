package uk.vda.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.vda.catalogue.Vocabulary;
import uk.vda.catalogue.Wording;
import uk.vda.engine.EngineResult;
import uk.vda.engine.EvaluationException;
import uk.vda.engine.PolicyEngine;
import uk.vda.engine.RuleSet;
import uk.vda.parts.AccessInput;
import uk.vda.parts.AlternativeInput;
import uk.vda.parts.DocumentInput;
import uk.vda.parts.PersonInput;
import uk.vda.parts.ReasonView;
import uk.vda.parts.VettingInput;
import uk.vda.policy.ClearanceStatus;
import uk.vda.policy.Effect;
import uk.vda.policy.Frequency;
import uk.vda.policy.Marking;
import uk.vda.policy.Organisation;
import uk.vda.policy.Outcome;
import uk.vda.policy.Reason;
import uk.vda.policy.VettingLevel;
import uk.vda.system.FieldProblem;
import uk.vda.system.InvalidRequestException;

/**
 * The answer cache: the rules run once per distinct question per rule-set version, identifiers aside; a question
 * that differs in any other field runs them again; the vocabulary check still refuses what is not cached.
 */
class DecisionCacheTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

    private PolicyEngine engine;
    private Vocabulary vocabulary;
    private DecisionService service;
    private RuleSet live;

    private static RuleSet version(String v) {
        return new RuleSet(v, Instant.EPOCH, "rules", List.of(), List.of(), Map.of(), Map.of());
    }

    private static DecisionRequest question(
            String personId, String documentId, Organisation organisation, ClearanceStatus status, LocalDate asOf) {
        return new DecisionRequest(
                new PersonInput(
                        personId,
                        List.of("INTELLIGENCE_ANALYST"),
                        organisation,
                        List.of("GB"),
                        List.of(new VettingInput(VettingLevel.SC, status, null, LocalDate.of(2030, 1, 1), null, null))),
                new DocumentInput(
                        documentId,
                        Marking.SECRET,
                        null,
                        "INTELLIGENCE_REPORT",
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of(new AlternativeInput("extract", Marking.OFFICIAL, null, null, null, null, null))),
                new AccessInput(Frequency.REGULAR),
                asOf);
    }

    private static DecisionRequest question(String personId, String documentId) {
        return question(
                personId, documentId, Organisation.POLICE, ClearanceStatus.VERIFIED, LocalDate.of(2026, 11, 28));
    }

    @BeforeEach
    void setUp() {
        engine = MockEngine.mocked();
        live = version("v1");
        given(engine.ruleSet()).willAnswer(invocation -> live);
        given(engine.evaluate(any()))
                .willAnswer(invocation -> new EngineResult(
                        live,
                        List.of(new Outcome(Effect.PERMIT), new Reason("SomePermit", Effect.PERMIT, "ok", "")),
                        Set.of("SomePermit")));
        vocabulary = mock(Vocabulary.class);
        given(vocabulary.roles()).willReturn(Map.of("INTELLIGENCE_ANALYST", "Intelligence analyst"));
        given(vocabulary.categories()).willReturn(Map.of("INTELLIGENCE_REPORT", "Intelligence report"));
        given(vocabulary.caveats()).willReturn(Map.of());
        given(vocabulary.wording(any())).willAnswer(call -> Wording.of(call.getArgument(0)));
        service = new DecisionService(engine, vocabulary, CLOCK, new DecisionCache(100));
    }

    @Test
    void shouldRunTheRulesOnceForTheSameQuestionAboutAnotherPersonOrDocument() {
        DecisionResponse first = service.decide(question("p1", "d1"));
        DecisionResponse second = service.decide(question("p2", "d2"));

        // one question with one alternative: two sessions, both on the first call only
        verify(engine, times(2)).evaluate(any());
        assertThat(second.decision()).isEqualTo(first.decision()).isEqualTo(Effect.PERMIT);
        assertThat(second.reasons()).isEqualTo(first.reasons());
        assertThat(second.decisionId()).isNotEqualTo(first.decisionId());
    }

    @Test
    void shouldRunTheRulesAgainWhenAnyOtherFieldDiffers() {
        service.decide(question("p1", "d1"));
        service.decide(question("p1", "d1", Organisation.PRISON, ClearanceStatus.VERIFIED, LocalDate.of(2026, 11, 28)));
        service.decide(
                question("p1", "d1", Organisation.POLICE, ClearanceStatus.IN_RENEWAL, LocalDate.of(2026, 11, 28)));
        service.decide(question("p1", "d1", Organisation.POLICE, ClearanceStatus.VERIFIED, LocalDate.of(2026, 11, 29)));

        verify(engine, times(8)).evaluate(any());
    }

    @Test
    void shouldNeverAnswerFromAnotherRuleSetVersion() {
        service.decide(question("p1", "d1"));
        live = version("v2");

        DecisionResponse answer = service.decide(question("p1", "d1"));

        verify(engine, times(4)).evaluate(any());
        assertThat(answer.ruleSet().version()).isEqualTo("v2");
    }

    @Test
    void shouldNotKeepAnAnswerGivenBecauseTheRulesCouldNotRun() {
        given(engine.evaluate(any())).willThrow(new EvaluationException("boom", null));
        DecisionResponse failed = service.decide(question("p1", "d1"));
        willAnswer(invocation -> new EngineResult(
                        live,
                        List.of(new Outcome(Effect.PERMIT), new Reason("SomePermit", Effect.PERMIT, "ok", "")),
                        Set.of("SomePermit")))
                .given(engine)
                .evaluate(any());

        DecisionResponse next = service.decide(question("p1", "d1"));

        assertThat(failed.decision()).isEqualTo(Effect.DENY);
        assertThat(next.decision()).isEqualTo(Effect.PERMIT);
        verify(engine, times(4)).evaluate(any());
    }

    @Test
    void shouldStillRefuseAnUnknownValueOnceSimilarQuestionsAreCached() {
        service.decide(question("p1", "d1"));
        DecisionRequest cached = question("p1", "d1");
        DecisionRequest unknownRole = new DecisionRequest(
                new PersonInput(
                        "p1",
                        List.of("ASTRONAUT"),
                        Organisation.POLICE,
                        List.of("GB"),
                        cached.person().vetting()),
                cached.document(),
                cached.access(),
                cached.asOf());

        assertThatThrownBy(() -> service.decide(unknownRole))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.problems())
                                .extracting(FieldProblem::field)
                                .containsExactly("person.roles[0]"));
    }

    @Test
    void shouldCheckTheVocabularyOfTheNewVersionAfterAReload() {
        service.decide(question("p1", "d1"));
        live = version("v2");
        given(vocabulary.roles()).willReturn(Map.of("COUNTER_TERRORISM_OFFICER", "CT officer"));

        assertThatThrownBy(() -> service.decide(question("p1", "d1")))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.problems().get(0).allowed()).containsExactly("COUNTER_TERRORISM_OFFICER"));
    }

    @Test
    void shouldNeverKeepAnAnswerGivenBecauseTheRulesCouldNotBeEvaluated() {
        willThrow(new EvaluationException("boom", null)).given(engine).evaluate(any());
        DecisionResponse refused = service.decide(question("p1", "d1"));
        willAnswer(invocation -> new EngineResult(
                        live,
                        List.of(new Outcome(Effect.PERMIT), new Reason("SomePermit", Effect.PERMIT, "ok", "")),
                        Set.of("SomePermit")))
                .given(engine)
                .evaluate(any());

        DecisionResponse answered = service.decide(question("p1", "d1"));

        assertThat(refused.reasons()).extracting(ReasonView::rule).containsExactly("EvaluationError");
        assertThat(answered.decision()).isEqualTo(Effect.PERMIT);
        verify(engine, times(4)).evaluate(any());
    }

    @Test
    void shouldHoldNoMoreAnswersThanItsSize() {
        DecisionCache small = new DecisionCache(3);
        DecisionService service = new DecisionService(engine, vocabulary, CLOCK, small);
        for (int day = 1; day <= 20; day++) {
            service.decide(
                    question("p1", "d1", Organisation.POLICE, ClearanceStatus.VERIFIED, LocalDate.of(2026, 11, day)));
        }

        assertThat(small.size()).isEqualTo(3);
    }

    @Test
    void shouldDropTheAnswersOfTheOldVersionWhenANewOneIsSeen() {
        DecisionCache cache = new DecisionCache(100);
        DecisionService service = new DecisionService(engine, vocabulary, CLOCK, cache);
        service.decide(question("p1", "d1"));
        service.decide(question("p1", "d1", Organisation.PRISON, ClearanceStatus.VERIFIED, LocalDate.of(2026, 11, 28)));
        live = version("v2");

        service.decide(question("p1", "d1"));

        assertThat(cache.size()).isEqualTo(1);
    }

    private static DecisionCache meteredCache(SimpleMeterRegistry registry) {
        DecisionCache cache = new DecisionCache(100);
        cache.bind(registry);
        return cache;
    }

    @Test
    void shouldWorkAnAnswerKeptWithoutWordsOutAgainForAQuestionThatNeedsThem() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DecisionCache cache = meteredCache(registry);
        DecisionService service = new DecisionService(engine, vocabulary, CLOCK, cache);

        DecisionResponse outcome = service.outcome(question("p1", "d1"), null, null);
        DecisionResponse again = service.outcome(question("p2", "d2"), null, null);
        assertThat(outcome.decision()).isEqualTo(again.decision()).isEqualTo(Effect.PERMIT);
        assertThat(outcome.summary()).isNull();
        assertThat(outcome.reasons()).isEmpty();
        verify(engine, times(2)).evaluate(any()); // the question and its alternative, once

        DecisionResponse worded = service.decide(question("p3", "d3"));
        assertThat(worded.decision()).isEqualTo(Effect.PERMIT);
        assertThat(worded.summary()).isNotBlank();
        assertThat(worded.reasons()).extracting(ReasonView::rule).containsExactly("SomePermit");
        verify(engine, times(4)).evaluate(any()); // worked out again, with its words

        assertThat(service.outcome(question("p4", "d4"), null, null).reasons())
                .as("the worded answer now kept serves an outcome too")
                .isEqualTo(worded.reasons());
        assertThat(service.decide(question("p5", "d5")).reasons()).isEqualTo(worded.reasons());
        verify(engine, times(4)).evaluate(any());
        assertThat(registry.get("advisor.cache.misses").functionCounter().count())
                .as("every time the rules ran")
                .isEqualTo(2);
        assertThat(registry.get("advisor.cache.hits").functionCounter().count()).isEqualTo(3);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void shouldPublishHitsMissesAndSizeUnderTheAdvisorsNamesAndCaffeinesOwn() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DecisionCache cache = meteredCache(registry);
        DecisionService service = new DecisionService(engine, vocabulary, CLOCK, cache);

        service.decide(question("p1", "d1"));
        service.decide(question("p2", "d2"));
        service.decide(question("p3", "d3"));

        assertThat(registry.get("advisor.cache.hits").functionCounter().count()).isEqualTo(2);
        assertThat(registry.get("advisor.cache.misses").functionCounter().count())
                .isEqualTo(1);
        assertThat(registry.get("advisor.cache.size").gauge().value()).isEqualTo(1);
        assertThat(registry.get("cache.gets")
                        .tags("cache", "decisions", "result", "hit")
                        .functionCounter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get("cache.gets")
                        .tags("cache", "decisions", "result", "miss")
                        .functionCounter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("cache.puts")
                        .tags("cache", "decisions")
                        .functionCounter()
                        .count())
                .isEqualTo(1);
    }
}
