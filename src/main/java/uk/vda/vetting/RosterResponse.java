package uk.vda.vetting;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import uk.vda.parts.RuleSetRef;
import uk.vda.policy.VerdictValue;
import uk.vda.vetting.AssessmentResponse.Money;

/** A roster's answers and what they add up to. */
@Schema(description = "One assessment per person, in the order given, and a summary that adds them up.")
public record RosterResponse(
        @Schema(
                description =
                        "The id of the decision-log record of the roster's first chunk, which also holds the roster as sent.")
        String rosterId,

        @Schema(description = "One result per person.") List<Result> results,
        @Schema(description = "What the results add up to.") Summary summary,
        @Schema(description = "The rule set that answered.") RuleSetRef ruleSet) {

    @Schema(name = "RosterResult", description = "One person's assessment.")
    public record Result(
            @Schema(description = "The caller's identifier for the person.")
            String personId,

            @Schema(description = "The assessment.") AssessmentResponse assessment) {}

    @Schema(name = "RosterSummary", description = "The roster in numbers.")
    public record Summary(
            @Schema(description = "People assessed.") int people,

            @Schema(description = "People per verdict; every verdict is listed, zero included.")
            Map<VerdictValue, Integer> byVerdict,

            @Schema(description = "People no rule could assess (a profile line no rule covers).")
            int unassessed,

            @Schema(
                    description =
                            "People who hold more than their post needs: their next renewal can be dropped or downgraded.")
            List<String> overVetted,

            @Schema(description = "People whose counting vetting is below what their post needs.")
            List<String> underVetted,

            @Schema(description = "Total cost of the requests that need not be made.")
            Money costAvoided,

            @Schema(description = "Total vetting lead time (days) of the requests that need not be made.")
            int leadTimeAvoidedDays) {}
}
