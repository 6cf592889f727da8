package uk.vda.vetting;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import uk.vda.parts.VettingInput;
import uk.vda.policy.AccessRoute;
import uk.vda.policy.Frequency;
import uk.vda.policy.Marking;
import uk.vda.policy.Organisation;
import uk.vda.policy.Owner;
import uk.vda.policy.Scheme;
import uk.vda.policy.VettingLevel;

/** Does this post need the vetting being requested? */
@Schema(description = "A vetting assessment for one post: what it needs, and what to make of the vetting requested.")
public record AssessmentRequest(
        @Schema(
                description = "The post's role (see /api/v1/catalogue). Give role or roles.",
                example = "LA_CHIEF_EXECUTIVE")
        String role,

        @Schema(description = "Several roles held together ('double hatting'); their profiles are combined.")
        @Size(max = 10, message = "must have at most {max} items")
        List<String> roles,

        @Schema(description = "The kind of organisation the post is in.", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull
        Organisation organisation,

        @Schema(
                description = "The vetting level about to be requested; when absent the answer says what is needed.",
                example = "SC")
        VettingLevel requestedVetting,

        @Schema(description = "Vetting the person already holds, one line each (level and status; dates optional).")
        @Size(max = 20, message = "must have at most {max} items")
        List<@Valid VettingInput> held,

        @Schema(
                description =
                        "What the post handles and how often. When absent, the roles' typical profiles from rules/ are used and the answer says so.")
        @Size(max = 50, message = "must have at most {max} items")
        List<@Valid ProfileLine> accessProfile,

        @Schema(description = "Date the assessment is made for (ISO 8601); defaults to today.", example = "2026-11-28")
        LocalDate asOf,

        @Schema(
                description = "The person's nationalities as ISO 3166 alpha-2 codes (GB for British).",
                example = "[\"GB\"]")
        List<String> nationalities,

        @Schema(
                description =
                        "Years the person has lived in the UK; a note says when fewer are given than the level needs (ukResidenceYears in rules/vetting/vetting-levels.csv).",
                example = "12")
        Integer ukResidenceYears) {

    @Schema(description = "One kind of material the post handles.")
    public record ProfileLine(
            @Schema(description = "The protective marking handled.", requiredMode = Schema.RequiredMode.REQUIRED)
            @NotNull
            Marking marking,

            @Schema(description = "Which scheme the marking belongs to; inferred when absent.")
            Scheme scheme,

            @Schema(
                    description =
                            "How often the post handles it (see /api/v1/catalogue); when absent, the rules assume one and the answer says so.")
            Frequency frequency,

            @Schema(
                    description = "The document category (see /api/v1/catalogue), to check the roles' need to know.",
                    example = "CTLP_PARTNER")
            String category,

            @Schema(description = "True for codeword material.")
            Boolean codeword,

            @Schema(
                    description =
                            "Who originates the material (see /api/v1/catalogue); when absent, the rules decide how it is treated.")
            Owner owner,

            @Schema(
                    description =
                            "How the post gets at the material (see /api/v1/catalogue); when absent, the rules assume one and the answer says so.")
            AccessRoute via,

            @Schema(
                    description =
                            "Whether this access could be made occasional or served by a lower-marked version (false when it is the job itself); when absent, what rules/assessment/role-profiles.csv says of the post's roles.")
            Boolean reducible) {
        public ProfileLine(
                Marking marking, Scheme scheme, Frequency frequency, String category, Boolean codeword, Owner owner) {
            this(marking, scheme, frequency, category, codeword, owner, null, null);
        }
    }
}
