package uk.vda.system;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.vda.audit.AuditUnavailableException;
import uk.vda.engine.EvaluationException;

/**
 * Each exception carries its own answer and the one handler gives it as it is: the handler knows no feature, and
 * every answer below is the one callers got when it named each exception itself.
 */
class ProblemHandlerTest {
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Throwing())
            .setControllerAdvice(new ProblemHandler())
            .build();

    @RestController
    static class Throwing {
        @GetMapping("/audit-away")
        String auditAway() {
            throw new AuditUnavailableException("the audit trail did not take the record in time", null);
        }

        @GetMapping("/rules-failed")
        String rulesFailed() {
            throw new EvaluationException("the rules fired 10001 times without settling", null);
        }

        @GetMapping("/missing")
        String missing() {
            throw new NotFoundException("No key has the id 3f2a9c");
        }

        @GetMapping("/invalid")
        String invalid() {
            throw InvalidRequestException.of(List.of(
                    new FieldProblem("person.roles[0]", "'X' is not a known role", "X", List.of("CTIO", "NEPO")),
                    new FieldProblem("document.category", "'Y' is not a known category", "Y", List.of("CTLP_FULL"))));
        }
    }

    @Test
    void shouldRefuseWith503AndRetryAfterWhenTheAuditTrailCannotBeWritten() throws Exception {
        mvc.perform(get("/audit-away").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(jsonPath("$.title").value("Audit trail unavailable"))
                .andExpect(
                        jsonPath("$.detail")
                                .value(
                                        "The answer cannot be recorded in the audit trail, so it is not given. Try again shortly."));
    }

    @Test
    void shouldRefuseWith503NamingWhatFailedWhenTheRulesCannotBeEvaluated() throws Exception {
        mvc.perform(get("/rules-failed").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().doesNotExist("Retry-After"))
                .andExpect(jsonPath("$.title").value("Rules could not be evaluated"))
                .andExpect(jsonPath("$.detail")
                        .value("The rules could not be evaluated, so no answer was given: "
                                + "the rules fired 10001 times without settling"));
    }

    @Test
    void shouldAnswer404WithTheDetailOfWhatWasLookedFor() throws Exception {
        mvc.perform(get("/missing"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Not Found"))
                .andExpect(jsonPath("$.detail").value("No key has the id 3f2a9c"));
    }

    @Test
    void shouldAnswerEveryProblemInOne400NamingTheFirstInTheDetail() throws Exception {
        mvc.perform(get("/invalid"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:vda:problem:invalid-request"))
                .andExpect(jsonPath("$.title").value("Invalid request"))
                .andExpect(jsonPath("$.detail").value("'X' is not a known role (person.roles[0])"))
                .andExpect(jsonPath("$.errors.length()").value(2))
                .andExpect(jsonPath("$.errors[1].field").value("document.category"))
                .andExpect(jsonPath("$.errors[1].allowed[0]").value("CTLP_FULL"));
    }
}
