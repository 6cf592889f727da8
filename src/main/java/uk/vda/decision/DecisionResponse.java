package uk.vda.decision;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;
import uk.vda.parts.MissingFactView;
import uk.vda.parts.ReasonView;
import uk.vda.parts.RuleSetRef;
import uk.vda.policy.AccessRoute;
import uk.vda.policy.Effect;
import uk.vda.policy.Frequency;
import uk.vda.policy.Marking;
import uk.vda.policy.Scheme;
import uk.vda.policy.VettingLevel;

/** The answer, explained. */
@Schema(description = "The answer to a disclosure question, with every reason that shaped it.")
public record DecisionResponse(
        @Schema(
                description =
                        "The answer in one sentence a chief executive or an HR officer can act on: the decision, "
                                + "the deciding reason, the next step. Worded, like every text of the answer, with the catalogue's labels.",
                example =
                        "Yes — the vetting that counts (BPSS: Baseline Personnel Security Standard, the employer's pre-employment check) "
                                + "meets the BPSS this access needs, and the role Local authority chief executive gives a need to know for "
                                + "partner CTLP (Counter Terrorism Local Profile) documents; share it no further than its marking allows.")
        String summary,

        @Schema(description = "Unique id of this answer.") String decisionId,

        @Schema(
                description = "PERMIT or DENY. DENY unless a rule permits and no rule denies.",
                allowableValues = {"PERMIT", "DENY"})
        Effect decision,

        @Schema(
                description =
                        "The lowest national vetting this access needs (a level of the national ladder, rules/vetting/vetting-levels.csv), whatever else decided the answer; null when no rule sets one.")
        VettingLevel requiredVetting,

        @Schema(description = "The highest national level the person's counting clearances amount to.")
        VettingLevel effectiveVetting,

        @Schema(description = "True when the vetting that counts meets requiredVetting.")
        boolean vettingSufficient,

        @Schema(description = "True when one of the person's roles gives a need to know for the document's category.")
        boolean needToKnow,

        @Schema(description = "How the marking was read.") MarkingView marking,

        @Schema(description = "The access frequency and route used, and whether each was assumed.")
        AccessView access,

        @Schema(description = "Police force vetting needed on top of national vetting; null when none is needed.")
        PoliceVettingView policeVetting,

        @Schema(
                description =
                        "Every rule that shaped the answer: the deciding reason first, then any other DENY (what would also have to change), then PERMIT, then explanatory NOTEs.")
        List<ReasonView> reasons,

        @Schema(description = "Handling obligations that come with a PERMIT; empty on DENY.")
        List<String> conditions,

        @Schema(description = "The answer for each lower-marked alternative of the document.")
        List<AlternativeView> alternatives,

        @Schema(description = "Cheaper or safer routes: a transfer of an earlier clearance, a lower-marked version.")
        List<String> recommendations,

        @Schema(description = "Facts the rules needed and did not get; they were never guessed in the person's favour.")
        List<MissingFactView> missingFacts,

        @Schema(description = "The rule set that answered.") RuleSetRef ruleSet,

        @Schema(description = "The date the question was answered for.")
        LocalDate asOf) {

    @Schema(description = "How the marking was read.")
    public record MarkingView(
            @Schema(description = "The marking as given.") Marking value,

            @Schema(description = "Its scheme, as given or inferred.")
            Scheme scheme,

            @Schema(description = "How it is treated under the current scheme; null if no rule says.")
            Marking treatedAs,

            @Schema(description = "How and why it was mapped.")
            String note) {}

    @Schema(description = "The access frequency and route used.")
    public record AccessView(
            @Schema(description = "OCCASIONAL or REGULAR.") Frequency frequency,

            @Schema(description = "True when the request did not say and the rules assumed the frequency.")
            boolean assumed,

            @Schema(description = "SHARED_COPY or POLICE_SYSTEMS.")
            AccessRoute via,

            @Schema(description = "True when the request did not say and the rules assumed the route.")
            boolean viaAssumed) {}

    @Schema(description = "Police force vetting needed on top of national vetting.")
    public record PoliceVettingView(
            @Schema(description = "The force vetting level needed.")
            VettingLevel required,

            @Schema(description = "The force vetting level the person's counting clearances amount to.")
            VettingLevel effective,

            @Schema(description = "True when effective meets required.")
            boolean sufficient) {}

    @Schema(description = "The answer for one lower-marked alternative.")
    public record AlternativeView(
            @Schema(description = "The alternative's id.") String id,
            @Schema(description = "Its marking.") Marking marking,

            @Schema(description = "PERMIT or DENY for this person.")
            Effect decision,

            @Schema(description = "The national vetting it needs.")
            VettingLevel requiredVetting) {}
}
