package uk.vda.authzen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItems;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import uk.vda.audit.AuditEntry;
import uk.vda.audit.AuditLog;
import uk.vda.decision.DecisionRequest;
import uk.vda.decision.DecisionResponse;
import uk.vda.decision.DecisionResponse.MarkingView;
import uk.vda.decision.DecisionService;
import uk.vda.parts.ReasonView;
import uk.vda.parts.RuleSetRef;
import uk.vda.policy.Effect;
import uk.vda.policy.Frequency;
import uk.vda.policy.Marking;
import uk.vda.policy.Organisation;
import uk.vda.policy.Scheme;
import uk.vda.policy.VettingLevel;
import uk.vda.security.CostLimiter;
import uk.vda.system.AdvisorMetrics;
import uk.vda.system.InvalidFieldException;

/** The HTTP shape of the AuthZEN endpoints: the spec's request and response members, and its 400s. */
@WebMvcTest(controllers = AuthZenController.class)
@AutoConfigureMockMvc(addFilters = false)
@Import({AccessEvaluator.class, AuthZenControllerTest.NoCostLimit.class})
@EnableConfigurationProperties(AuthZenProperties.class)
class AuthZenControllerTest {
    /** The HTTP shape only: the cost limits are AuthZenLimitsTest's. */
    @TestConfiguration
    static class NoCostLimit {
        @Bean
        CostLimiter costs() {
            return CostLimiter.unlimited();
        }
    }

    private static final String SUBJECT = """
            {"type": "person", "id": "la-ce-anytown",
             "properties": {"roles": ["LA_CHIEF_EXECUTIVE"], "organisation": "LOCAL_AUTHORITY", "nationalities": ["GB"],
                            "vetting": [{"level": "BPSS", "status": "VERIFIED"}]}}""";
    private static final String RESOURCE = """
            {"type": "document", "id": "ctlp-anytown-2026", "properties": {"marking": "SECRET", "category": "CTLP_FULL"}}""";
    private static final String ACTION = """
            {"name": "read", "properties": {"frequency": "OCCASIONAL"}}""";
    private static final String VALID = "{\"subject\": " + SUBJECT + ", \"resource\": " + RESOURCE + ", \"action\": "
            + ACTION + ", \"context\": {\"asOf\": \"2026-11-28\"}}";

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private DecisionService decisions;

    @MockitoBean
    private AuditLog audit;

    @MockitoBean
    private AdvisorMetrics metrics;

    private ResultActions evaluation(String body) throws Exception {
        return mvc.perform(post("/access/v1/evaluation")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private ResultActions evaluations(String body) throws Exception {
        return mvc.perform(post("/access/v1/evaluations")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private static DecisionResponse answer(Effect decision) {
        return new DecisionResponse(
                decision == Effect.PERMIT ? "Yes — because." : "No — because.",
                "id-1",
                decision,
                VettingLevel.BPSS,
                VettingLevel.BPSS,
                true,
                decision == Effect.PERMIT,
                new MarkingView(Marking.SECRET, Scheme.GPMS, Marking.SECRET, "same"),
                null,
                null,
                List.of(new ReasonView(
                        decision == Effect.PERMIT ? "PermitWithVettingAndNeedToKnow" : "DenyWithoutNeedToKnow",
                        decision,
                        "because",
                        "docs/policy-basis.md#need-to-know")),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                new RuleSetRef("abc123"),
                LocalDate.of(2026, 11, 28));
    }

    @Test
    void shouldAnswerFalseWithTheNativeExplanationWhenTheNativeAnswerIsDeny() throws Exception {
        given(decisions.decide(any())).willReturn(answer(Effect.DENY));

        evaluation(VALID)
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.decision").value(false))
                .andExpect(jsonPath("$.context.decisionId").value("id-1"))
                .andExpect(jsonPath("$.context.requiredVetting").value("BPSS"))
                .andExpect(jsonPath("$.context.reasons[0].rule").value("DenyWithoutNeedToKnow"))
                .andExpect(jsonPath("$.context.ruleSet.version").value("abc123"))
                .andExpect(jsonPath("$.context.decision").doesNotExist())
                .andExpect(jsonPath("$.context.policeVetting").doesNotExist());
    }

    @Test
    void shouldAnswerTrueWhenTheNativeAnswerIsPermit() throws Exception {
        given(decisions.decide(any())).willReturn(answer(Effect.PERMIT));

        evaluation(VALID)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.decision").value(true));
    }

    @Test
    void shouldAskTheNativeQuestionMadeOfTheIdsAndProperties() throws Exception {
        given(decisions.decide(any())).willReturn(answer(Effect.DENY));

        evaluation(VALID).andExpect(status().isOk());

        ArgumentCaptor<DecisionRequest> asked = ArgumentCaptor.forClass(DecisionRequest.class);
        verify(decisions).decide(asked.capture());
        DecisionRequest request = asked.getValue();
        assertThat(request.person().id()).isEqualTo("la-ce-anytown");
        assertThat(request.person().roles()).containsExactly("LA_CHIEF_EXECUTIVE");
        assertThat(request.person().organisation()).isEqualTo(Organisation.LOCAL_AUTHORITY);
        assertThat(request.person().vetting().get(0).level()).isEqualTo(VettingLevel.BPSS);
        assertThat(request.document().id()).isEqualTo("ctlp-anytown-2026");
        assertThat(request.document().marking()).isEqualTo(Marking.SECRET);
        assertThat(request.access().frequency()).isEqualTo(Frequency.OCCASIONAL);
        assertThat(request.asOf()).isEqualTo(LocalDate.of(2026, 11, 28));
    }

    @Test
    void shouldRecordTheNativeQuestionAndAnswerUnderTheAuthZenEndpoint() throws Exception {
        given(decisions.decide(any())).willReturn(answer(Effect.PERMIT));

        evaluation(VALID).andExpect(status().isOk());

        ArgumentCaptor<AuditEntry> recorded = ArgumentCaptor.forClass(AuditEntry.class);
        verify(audit).record(recorded.capture());
        AuditEntry entry = recorded.getValue();
        assertThat(entry.id()).isEqualTo("id-1");
        assertThat(entry.kind()).isEqualTo("DECISION");
        assertThat(entry.endpoint()).isEqualTo("/access/v1/evaluation");
        assertThat(entry.personId()).isEqualTo("la-ce-anytown");
        assertThat(entry.documentId()).isEqualTo("ctlp-anytown-2026");
        assertThat(entry.outcome()).isEqualTo("PERMIT");
        assertThat(entry.request()).isInstanceOf(DecisionRequest.class);
    }

    @Test
    void shouldRefuseAnEvaluationWithoutASubject() throws Exception {
        evaluation("{\"resource\": " + RESOURCE + ", \"action\": " + ACTION + "}")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("subject"))
                .andExpect(jsonPath("$.errors[0].message").value("subject must not be null"));
        verifyNoInteractions(decisions, audit);
    }

    @Test
    void shouldRefuseASubjectThatIsNotAPersonNamingTheAllowedType() throws Exception {
        evaluation(VALID.replace("\"type\": \"person\"", "\"type\": \"user\""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("subject.type"))
                .andExpect(jsonPath("$.errors[0].rejected").value("user"))
                .andExpect(jsonPath("$.errors[0].allowed[0]").value("person"));
    }

    @Test
    void shouldRefuseAnActionOtherThanRead() throws Exception {
        evaluation(VALID.replace("\"name\": \"read\"", "\"name\": \"can_edit\""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("action.name"))
                .andExpect(jsonPath("$.errors[0].allowed[0]").value("read"));
        verifyNoInteractions(decisions);
    }

    @Test
    void shouldRefuseAResourceWithoutAnId() throws Exception {
        evaluation(VALID.replace("\"id\": \"ctlp-anytown-2026\",", ""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("resource.id"));
    }

    @Test
    void shouldRefuseAPropertiesIdThatDiffersFromTheSubjectId() throws Exception {
        evaluation(VALID.replace("\"properties\": {\"roles\"", "\"properties\": {\"id\": \"someone-else\", \"roles\""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("subject.properties.id"));
    }

    @Test
    void shouldNameTheAuthZenPathOfAnUnknownMarking() throws Exception {
        evaluation(VALID.replace("\"SECRET\"", "\"SECRETISH\""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("resource.properties.marking"))
                .andExpect(jsonPath("$.errors[0].rejected").value("SECRETISH"))
                .andExpect(jsonPath("$.errors[0].allowed", hasItems("RESTRICTED", "TOP_SECRET")));
    }

    @Test
    void shouldNameTheAuthZenPathOfAMissingOrganisation() throws Exception {
        evaluation(VALID.replace("\"organisation\": \"LOCAL_AUTHORITY\", ", ""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("subject.properties.organisation"))
                .andExpect(jsonPath("$.errors[0].message").value("subject.properties.organisation must not be null"));
    }

    @Test
    void shouldAskForTheOrganisationWhenTheSubjectHasNoProperties() throws Exception {
        evaluation(VALID.replace(SUBJECT, "{\"type\": \"person\", \"id\": \"p1\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("subject.properties.organisation"));
    }

    @Test
    void shouldRefuseAnUnknownAccessPropertyRatherThanIgnoreIt() throws Exception {
        evaluation(VALID.replace("\"frequency\"", "\"frequncy\""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("action.properties.frequncy"))
                .andExpect(jsonPath("$.errors[0].allowed", hasItems("frequency")));
    }

    @Test
    void shouldNameTheContextFieldOfAnImpossibleDate() throws Exception {
        evaluation(VALID.replace("2026-11-28", "2026-02-30"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("context.asOf"));
    }

    @Test
    void shouldRefuseMalformedJson() throws Exception {
        evaluation("{\"subject\": {")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("(body)"));
    }

    @Test
    void shouldNameTheAuthZenPathOfAValueTheRuleSetDoesNotKnow() throws Exception {
        given(decisions.decide(any()))
                .willThrow(new InvalidFieldException(
                        "document.alternatives[0].category",
                        "NOPE",
                        "'NOPE' is not a known category",
                        List.of("CTLP_FULL")));

        evaluation(VALID)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("resource.properties.alternatives[0].category"))
                .andExpect(jsonPath("$.detail")
                        .value("'NOPE' is not a known category (resource.properties.alternatives[0].category)"));
        verifyNoInteractions(audit);
    }

    @Test
    void shouldRefuseAWholeEvaluationsRequestWithAMalformedEvaluationBeforeAnsweringAny() throws Exception {
        evaluations("{\"subject\": " + SUBJECT + ", \"action\": " + ACTION + ", \"evaluations\": [{\"resource\": "
                        + RESOURCE + "}, {\"resource\": {\"type\": \"account\", \"id\": \"1\"}}, {}]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("evaluations[1].resource.type"))
                .andExpect(jsonPath("$.errors[1].field").value("resource"));
        verifyNoInteractions(decisions, audit);
    }

    @Test
    void shouldNameTheDefaultWhenAnEvaluationTakesABadDefault() throws Exception {
        evaluations("{\"subject\": " + SUBJECT.replace("LOCAL_AUTHORITY", "COUNCIL") + ", \"action\": " + ACTION
                        + ", \"evaluations\": [{\"resource\": " + RESOURCE + "}]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("subject.properties.organisation"));
    }

    @Test
    void shouldReportAValueTheRuleSetDoesNotKnowAsThatEvaluationsError() throws Exception {
        // several evaluations are answered telling the service when the rules ran, for the cost limit
        given(decisions.decide(any(), any()))
                .willReturn(answer(Effect.PERMIT))
                .willThrow(new InvalidFieldException(
                        "person.roles[0]", "MAYOR", "'MAYOR' is not a known role", List.of("NEPO")));

        evaluations("{\"action\": " + ACTION + ", \"resource\": " + RESOURCE + ", \"evaluations\": [{\"subject\": "
                        + SUBJECT + "}, {\"subject\": " + SUBJECT.replace("LA_CHIEF_EXECUTIVE", "MAYOR") + "}]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.evaluations[0].decision").value(true))
                .andExpect(jsonPath("$.evaluations[1].decision").value(false))
                .andExpect(jsonPath("$.evaluations[1].context.error.status").value(400))
                .andExpect(jsonPath("$.evaluations[1].context.error.errors[0].field")
                        .value("evaluations[1].subject.properties.roles[0]"))
                .andExpect(jsonPath("$.evaluations[1].context.error.errors[0].allowed[0]")
                        .value("NEPO"));
    }

    @Test
    void shouldRefuseMoreEvaluationsThanTheLimit() throws Exception {
        String one = "{\"subject\": " + SUBJECT + ", \"resource\": " + RESOURCE + ", \"action\": " + ACTION + "}";
        evaluations("{\"evaluations\": [" + String.join(",", Collections.nCopies(1001, one)) + "]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("evaluations"));
        verifyNoInteractions(decisions);
    }

    @Test
    void shouldAnswerAnUnsupportedContentTypeWithProblemJson() throws Exception {
        mvc.perform(post("/access/v1/evaluation")
                        .contentType(MediaType.TEXT_PLAIN)
                        .content(VALID))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }
}
