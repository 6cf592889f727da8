package uk.vda.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.vda.TestRules;
import uk.vda.catalogue.Vocabulary;
import uk.vda.catalogue.Wording;
import uk.vda.engine.CsvTable;
import uk.vda.engine.EngineResult;
import uk.vda.engine.EvaluationException;
import uk.vda.engine.PolicyEngine;
import uk.vda.engine.RuleSet;
import uk.vda.parts.AccessInput;
import uk.vda.parts.DocumentInput;
import uk.vda.parts.PersonInput;
import uk.vda.parts.ReasonView;
import uk.vda.parts.VettingInput;
import uk.vda.policy.ClearanceStatus;
import uk.vda.policy.Effect;
import uk.vda.policy.Frequency;
import uk.vda.policy.Marking;
import uk.vda.policy.MarkingSchemes;
import uk.vda.policy.Organisation;
import uk.vda.policy.Outcome;
import uk.vda.policy.Reason;
import uk.vda.policy.Scheme;
import uk.vda.policy.VettingLevel;
import uk.vda.system.FieldProblem;
import uk.vda.system.InvalidRequestException;

/** The combining algorithm around the rules: deny by default, deny beats permit, errors never permit. */
class DecisionServiceTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
    private static final RuleSet RULE_SET =
            new RuleSet("test", Instant.EPOCH, "rules", List.of(), List.of(), Map.of(), Map.of());
    /** Which scheme each marking belongs to, as the shipped markings table says. */
    private static final MarkingSchemes SHIPPED_SCHEMES =
            MarkingSchemes.of(PolicyEngine.read(Path.of("rules")).entrySet().stream()
                    .filter(f -> f.getKey().equals("markings/markings.csv"))
                    .flatMap(f -> CsvTable.parse(f.getKey(), f.getValue()).rows().stream())
                    .map(CsvTable.Row::cells)
                    .toList());

    private static DecisionRequest analystAskingFor(Marking marking, Frequency frequency) {
        return new DecisionRequest(
                new PersonInput(
                        "p1",
                        List.of("INTELLIGENCE_ANALYST"),
                        Organisation.POLICE,
                        List.of("GB"),
                        List.of(new VettingInput(
                                VettingLevel.SC,
                                ClearanceStatus.VERIFIED,
                                null,
                                LocalDate.of(2030, 1, 1),
                                null,
                                null))),
                new DocumentInput("d1", marking, null, "INTELLIGENCE_REPORT", null, null, null, null, null, null),
                new AccessInput(frequency),
                LocalDate.of(2026, 11, 28));
    }

    private static DecisionService serviceOver(PolicyEngine engine) {
        Vocabulary vocabulary = mock(Vocabulary.class);
        given(vocabulary.roles()).willReturn(Map.of("INTELLIGENCE_ANALYST", "Intelligence analyst"));
        given(vocabulary.categories()).willReturn(Map.of("INTELLIGENCE_REPORT", "Intelligence report"));
        given(vocabulary.caveats()).willReturn(Map.of());
        given(vocabulary.schemes()).willReturn(SHIPPED_SCHEMES);
        given(vocabulary.wording(any())).willAnswer(call -> Wording.of(call.getArgument(0)));
        return new DecisionService(engine, vocabulary, CLOCK);
    }

    @Test
    void shouldDenyWhenTheRulesCannotBeEvaluated() {
        PolicyEngine engine = MockEngine.mocked();
        given(engine.ruleSet()).willReturn(RULE_SET);
        given(engine.evaluate(any())).willThrow(new EvaluationException("boom", null));

        DecisionResponse answer = serviceOver(engine).decide(analystAskingFor(Marking.SECRET, Frequency.REGULAR));

        assertThat(answer.decision()).isEqualTo(Effect.DENY);
        assertThat(answer.reasons()).extracting(ReasonView::rule).containsExactly("EvaluationError");
        assertThat(answer.conditions()).isEmpty();
    }

    @Test
    void shouldDenyWhenAnyRuleDeniesEvenIfAnotherPermits() {
        PolicyEngine engine = MockEngine.mocked();
        given(engine.ruleSet()).willReturn(RULE_SET);
        given(engine.evaluate(any()))
                .willReturn(new EngineResult(
                        RULE_SET,
                        List.of(
                                new Outcome(Effect.PERMIT),
                                new Reason("SomePermit", Effect.PERMIT, "ok", ""),
                                new Reason("SomeDeny", Effect.DENY, "no", "")),
                        Set.of("SomePermit", "SomeDeny")));

        DecisionResponse answer = serviceOver(engine).decide(analystAskingFor(Marking.SECRET, Frequency.REGULAR));

        assertThat(answer.decision()).isEqualTo(Effect.DENY);
        assertThat(answer.reasons()).extracting(ReasonView::rule).containsExactly("SomeDeny", "SomePermit");
    }

    @Test
    void shouldDenyByDefaultWhenNoTableRowCoversTheAccess(@TempDir Path copy) throws IOException {
        TestRules.copyInto(copy);
        Path matrix = copy.resolve("vetting/minimum-vetting.csv");
        Files.writeString(
                matrix,
                Files.readString(matrix)
                        .lines()
                        .filter(line -> !line.startsWith("SECRET,REGULAR"))
                        .reduce("", (a, b) -> a + b + "\n"));

        DecisionResponse answer =
                serviceOver(PolicyEngine.over(copy)).decide(analystAskingFor(Marking.SECRET, Frequency.REGULAR));

        assertThat(answer.decision()).isEqualTo(Effect.DENY);
        assertThat(answer.requiredVetting()).isNull();
        assertThat(answer.vettingSufficient()).isFalse();
        assertThat(answer.reasons().get(0).rule()).isEqualTo("DenyByDefault");
    }

    @Test
    void shouldRejectAGscMarkingDeclaredAsGpms() {
        DecisionRequest request = analystAskingFor(Marking.OFFICIAL, Frequency.REGULAR);
        DocumentInput gpms = new DocumentInput(
                "d1", Marking.OFFICIAL, Scheme.GPMS, "INTELLIGENCE_REPORT", null, null, null, null, null, null);
        PolicyEngine engine = MockEngine.mocked();

        assertThatThrownBy(() -> serviceOver(engine)
                        .decide(new DecisionRequest(request.person(), gpms, request.access(), request.asOf())))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.problems()).singleElement().satisfies(p -> {
                        assertThat(p.field()).isEqualTo("document.marking");
                        assertThat(p.allowed())
                                .contains("RESTRICTED", "CONFIDENTIAL")
                                .doesNotContain("OFFICIAL");
                    });
                    assertThat(e.getMessage()).isEqualTo("OFFICIAL is not a GPMS marking (document.marking)");
                });
    }

    @Test
    void shouldNameEveryUnknownValueInOneRefusalNotOnlyTheFirst() {
        DecisionRequest request = analystAskingFor(Marking.SECRET, Frequency.REGULAR);
        DecisionRequest wrongThrice = new DecisionRequest(
                new PersonInput(
                        "p1",
                        List.of("ASTRONAUT", "INTELLIGENCE_ANALYST"),
                        Organisation.POLICE,
                        List.of("GB", "XX"),
                        request.person().vetting()),
                new DocumentInput("d1", Marking.SECRET, null, "GOSSIP", null, null, null, null, null, null),
                request.access(),
                request.asOf());

        assertThatThrownBy(() -> serviceOver(MockEngine.mocked()).decide(wrongThrice))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.problems())
                            .extracting(FieldProblem::field)
                            .containsExactly("person.roles[0]", "person.nationalities[1]", "document.category");
                    assertThat(e.getMessage()).isEqualTo("'ASTRONAUT' is not a known role (person.roles[0])");
                });
    }
}
