package uk.vda.decision;

import static org.hamcrest.Matchers.hasItems;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import uk.vda.audit.AuditLog;
import uk.vda.decision.DecisionResponse.MarkingView;
import uk.vda.parts.ReasonView;
import uk.vda.parts.RuleSetRef;
import uk.vda.policy.Effect;
import uk.vda.policy.Marking;
import uk.vda.policy.Scheme;
import uk.vda.policy.VettingLevel;
import uk.vda.system.AdvisorMetrics;
import uk.vda.system.InvalidFieldException;

/** The HTTP shape of POST /api/v1/decisions: JSON in and out, and problem+json for every kind of bad input. */
@WebMvcTest(controllers = DecisionController.class)
@AutoConfigureMockMvc(addFilters = false)
class DecisionControllerTest {
    private static final String VALID = """
            {"person": {"id": "p1", "roles": ["LA_CHIEF_EXECUTIVE"], "organisation": "LOCAL_AUTHORITY",
                        "nationalities": ["GB"], "vetting": [{"level": "BPSS", "status": "VERIFIED"}]},
             "document": {"id": "d1", "marking": "SECRET", "category": "CTLP_FULL"},
             "access": {"frequency": "OCCASIONAL"}, "asOf": "2026-11-28"}
            """;

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private DecisionService decisions;

    @MockitoBean
    private AuditLog audit;

    @MockitoBean
    private BatchService batches;

    @MockitoBean
    private AdvisorMetrics metrics;

    private ResultActions postJson(String body) throws Exception {
        return mvc.perform(post("/api/v1/decisions")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    @Test
    void shouldReturnTheDecisionAsJson() throws Exception {
        given(decisions.kept(any()))
                .willReturn(new DecisionCache.Kept(new DecisionResponse(
                        "No — no need to know.",
                        "id-1",
                        Effect.DENY,
                        VettingLevel.BPSS,
                        VettingLevel.BPSS,
                        true,
                        false,
                        new MarkingView(Marking.SECRET, Scheme.GPMS, Marking.SECRET, "same"),
                        null,
                        null,
                        List.of(new ReasonView(
                                "DenyWithoutNeedToKnow",
                                Effect.DENY,
                                "no need to know",
                                "docs/policy-basis.md#need-to-know")),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        new RuleSetRef("abc123"),
                        LocalDate.of(2026, 11, 28))));

        postJson(VALID)
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.summary").value("No — no need to know."))
                .andExpect(jsonPath("$.decision").value("DENY"))
                .andExpect(jsonPath("$.requiredVetting").value("BPSS"))
                .andExpect(jsonPath("$.marking.scheme").value("GPMS"))
                .andExpect(jsonPath("$.reasons[0].rule").value("DenyWithoutNeedToKnow"))
                .andExpect(jsonPath("$.ruleSet.version").value("abc123"))
                .andExpect(jsonPath("$.asOf").value("2026-11-28"));
    }

    @Test
    void shouldGiveEachRequestForAKeptAnswerItsOwnIdTheIdOfItsRecord() throws Exception {
        DecisionCache.Kept kept = new DecisionCache.Kept(new DecisionResponse(
                "Yes.",
                "0193a0b1-0000-7000-8000-000000000001",
                Effect.PERMIT,
                VettingLevel.BPSS,
                VettingLevel.BPSS,
                true,
                true,
                new MarkingView(Marking.OFFICIAL, Scheme.GSC, null, null),
                null,
                null,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                new RuleSetRef("abc123"),
                LocalDate.of(2026, 11, 28)));
        given(decisions.kept(any())).willReturn(kept);
        org.mockito.ArgumentCaptor<uk.vda.audit.AuditEntry> recorded =
                org.mockito.ArgumentCaptor.forClass(uk.vda.audit.AuditEntry.class);

        String first = postJson(VALID)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String second = postJson(VALID)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        org.mockito.Mockito.verify(audit, org.mockito.Mockito.times(2)).record(recorded.capture());
        tools.jackson.databind.json.JsonMapper json =
                tools.jackson.databind.json.JsonMapper.builder().build();
        String firstId = json.readTree(first).get("decisionId").asString();
        String secondId = json.readTree(second).get("decisionId").asString();
        org.assertj.core.api.Assertions.assertThat(List.of(firstId, secondId))
                .containsExactly(
                        recorded.getAllValues().get(0).id(),
                        recorded.getAllValues().get(1).id())
                .doesNotHaveDuplicates()
                .doesNotContain(kept.response().decisionId());
        org.assertj.core.api.Assertions.assertThat(first.replace(firstId, "ID"))
                .isEqualTo(second.replace(secondId, "ID"))
                .isEqualTo(json.writeValueAsString(kept.response())
                        .replace(kept.response().decisionId(), "ID"));
    }

    @Test
    void shouldNameTheFieldAndAllowedValuesOfAnUnknownVettingLevel() throws Exception {
        postJson(VALID.replace("\"BPSS\"", "\"SECERT\""))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors[0].field").value("person.vetting[0].level"))
                .andExpect(jsonPath("$.errors[0].rejected").value("SECERT"))
                .andExpect(jsonPath("$.errors[0].allowed", hasItems("NONE", "BPSS", "SC", "DV", "NPPV3")));
        verifyNoInteractions(decisions);
    }

    @Test
    void shouldRefuseAnIdOver200CharactersAndNotEchoItWhole() throws Exception {
        String id = "x".repeat(5_000);
        postJson(VALID.replace("\"p1\"", "\"" + id + "\""))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("person.id"))
                .andExpect(jsonPath("$.errors[0].message").value("person.id must be at most 200 characters"))
                .andExpect(jsonPath("$.errors[0].rejected").value("x".repeat(200) + "… (5000 characters)"));
        verifyNoInteractions(decisions);
    }

    @Test
    void shouldNameTheFieldOfAnUnknownMarking() throws Exception {
        postJson(VALID.replace("\"SECRET\"", "\"SECRETISH\""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("document.marking"))
                .andExpect(jsonPath("$.errors[0].allowed", hasItems("RESTRICTED", "OFFICIAL_SENSITIVE", "TOP_SECRET")));
    }

    @Test
    void shouldRejectAMissingDocument() throws Exception {
        postJson("""
                {"person": {"roles": [], "organisation": "POLICE"}}
                """)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("document"));
        verifyNoInteractions(decisions);
    }

    @Test
    void shouldRejectAMissingOrganisationInsideThePerson() throws Exception {
        postJson(VALID.replace("\"organisation\": \"LOCAL_AUTHORITY\",", ""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("person.organisation"));
    }

    @Test
    void shouldRejectAnImpossibleDate() throws Exception {
        postJson(VALID.replace("2026-11-28", "2026-02-30"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("asOf"))
                .andExpect(
                        jsonPath("$.errors[0].message")
                                .value(
                                        "'2026-02-30' is not a real date in the form YYYY-MM-DD, from 1900-01-01 to 2200-12-31"));
    }

    @Test
    void shouldRejectMalformedJson() throws Exception {
        postJson("{\"person\": {")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("(body)"));
    }

    @Test
    void shouldRejectAnUnknownFieldRatherThanIgnoreIt() throws Exception {
        postJson(VALID.replace("\"frequency\"", "\"frequncy\""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("access.frequncy"))
                .andExpect(jsonPath("$.errors[0].allowed", hasItems("frequency")));
    }

    @Test
    void shouldReportAValueTheRuleSetDoesNotKnow() throws Exception {
        given(decisions.kept(any()))
                .willThrow(new InvalidFieldException(
                        "person.roles[0]",
                        "MAYOR",
                        "'MAYOR' is not a known role",
                        List.of("LA_CHIEF_EXECUTIVE", "NEPO")));

        postJson(VALID)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("person.roles[0]"))
                .andExpect(jsonPath("$.errors[0].allowed", hasItems("LA_CHIEF_EXECUTIVE", "NEPO")));
    }

    @Test
    void shouldAnswerAnUnsupportedContentTypeWithProblemJson() throws Exception {
        mvc.perform(post("/api/v1/decisions").contentType(MediaType.TEXT_PLAIN).content("hello"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }
}
