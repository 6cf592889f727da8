package uk.vda.vetting;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;
import uk.vda.parts.MissingFactView;
import uk.vda.parts.ReasonView;
import uk.vda.parts.RuleSetRef;
import uk.vda.policy.AccessRoute;
import uk.vda.policy.Frequency;
import uk.vda.policy.Marking;
import uk.vda.policy.VerdictValue;
import uk.vda.policy.VettingLevel;

/** What a post needs and what to make of the request, explained. */
@Schema(description = "What vetting a post actually needs, and the verdict on the vetting requested.")
public record AssessmentResponse(
        @Schema(
                description =
                        "The answer in one sentence an HR officer can act on: the verdict, the deciding reason, the next step. "
                                + "Worded, like every text of the answer, with the catalogue's labels.",
                example =
                        "No — SC (Security Check) was requested but the post needs only BPSS (Baseline Personnel Security Standard, "
                                + "the employer's pre-employment check): the request is unnecessary.")
        String summary,

        @Schema(
                description =
                        "The id of the decision-log record that holds this answer: its own, or that of the roster chunk it was sent in.")
        String assessmentId,

        @Schema(
                description =
                        "The lowest national vetting the post's access needs (a level of the national ladder, rules/vetting/vetting-levels.csv); null when no rule covers a profile line.")
        VettingLevel requiredVetting,

        @Schema(
                description =
                        "Police force vetting needed on top of national vetting (rules/vetting/force-vetting.csv); NONE when none.")
        VettingLevel requiredPoliceVetting,

        @Schema(description = "The level requested, as given.")
        VettingLevel requestedVetting,

        @Schema(
                description =
                        "The verdict on the level requested (what each means: /api/v1/catalogue); null when no rule covers the profile.")
        VerdictValue verdict,

        @Schema(
                description =
                        "True when the verdict means vetting must be requested, at requiredVetting (requestVetting in rules/answers/verdicts.csv).")
        boolean requestNecessary,

        @Schema(description = "True when the national vetting that counts already meets requiredVetting.")
        boolean heldSufficient,

        @Schema(description = "True when the force vetting that counts meets requiredPoliceVetting.")
        boolean policeHeldSufficient,

        @Schema(description = "The highest national level the person's counting clearances amount to.")
        VettingLevel effectiveVetting,

        @Schema(
                description =
                        "True when the person holds more than the post needs: the next renewal can be dropped or downgraded.")
        boolean overVetted,

        @Schema(description = "Cost of the request that need not be made; null when no cost is recorded for the level.")
        Money costAvoided,

        @Schema(
                description =
                        "Vetting lead time (days) the request that need not be made would have taken; null when unknown.")
        Integer leadTimeAvoidedDays,

        @Schema(description = "The profile lines that set the requirement.")
        List<ProfileLineView> drivers,

        @Schema(description = "Every profile line assessed, with what it needs.")
        List<ProfileLineView> profile,

        @Schema(
                description =
                        "REQUEST when the accessProfile was given, ROLE_DEFAULT when the roles' typical profiles were used.",
                allowableValues = {"REQUEST", "ROLE_DEFAULT"})
        String profileSource,

        @Schema(
                description =
                        "Every rule that shaped the answer, in plain English: the reason for the verdict first, then refusals, then notes.")
        List<ReasonView> reasons,

        @Schema(
                description =
                        "Cheaper routes: a transfer, a lower-marked version, occasional access, force vetting instead.")
        List<String> recommendations,

        @Schema(description = "Facts that were needed and not given.")
        List<MissingFactView> missingFacts,

        @Schema(description = "The rule set that answered.") RuleSetRef ruleSet,
        @Schema(description = "The date assessed for.") LocalDate asOf) {

    /** The same answer under another id: a roster's answers carry the id of the roster's record, which holds them. */
    AssessmentResponse withAssessmentId(String id) {
        return new AssessmentResponse(
                summary,
                id,
                requiredVetting,
                requiredPoliceVetting,
                requestedVetting,
                verdict,
                requestNecessary,
                heldSufficient,
                policeHeldSufficient,
                effectiveVetting,
                overVetted,
                costAvoided,
                leadTimeAvoidedDays,
                drivers,
                profile,
                profileSource,
                reasons,
                recommendations,
                missingFacts,
                ruleSet,
                asOf);
    }

    @Schema(description = "An amount of money, min and max.")
    public record Money(
            @Schema(description = "ISO 4217 currency.", example = "GBP")
            String currency,

            @Schema(description = "Lower estimate.") int min,
            @Schema(description = "Upper estimate.") int max) {}

    @Schema(description = "One profile line and what it needs.")
    public record ProfileLineView(
            @Schema(description = "The marking.") Marking marking,
            @Schema(description = "OCCASIONAL or REGULAR.") Frequency frequency,

            @Schema(description = "The category, when given.")
            String category,

            @Schema(description = "The national vetting this line needs.")
            VettingLevel requires,

            @Schema(description = "Force vetting this line needs on top (NONE when none).")
            VettingLevel policeRequires,

            @Schema(description = "Whether the roles give a need to know for the category; null when no category.")
            Boolean needToKnow,

            @Schema(description = "The access route given; null when not given (the rules then assume one).")
            AccessRoute via,

            @Schema(description = "Whether the access could be made occasional or served by a lower-marked version.")
            boolean reducible) {}
}
