package uk.vda.decision;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import uk.vda.policy.AccessRoute;
import uk.vda.policy.ClearanceStatus;
import uk.vda.policy.Frequency;
import uk.vda.policy.Marking;
import uk.vda.policy.Organisation;
import uk.vda.policy.Owner;
import uk.vda.policy.Scheme;
import uk.vda.policy.VettingLevel;

/** May this person see this document? */
@Schema(description = "A disclosure question: may this person see this document, with this access?")
public record DecisionRequest(
        @Schema(description = "The person who would see the document.", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull @Valid PersonInput person,
        @Schema(description = "The document asked about.", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull @Valid DocumentInput document,
        @Schema(description = "How the person would handle the document. When absent, the rules assume a frequency and route, and the answer says which.")
        @Valid AccessInput access,
        @Schema(description = "Date the question is answered for (ISO 8601); defaults to today.", example = "2026-11-28")
        LocalDate asOf) {

    @Schema(description = "The person who would see the document.")
    public record PersonInput(
            @Schema(description = "An identifier the caller uses for the person (no names needed).", example = "la-ce-anytown")
            String id,
            @Schema(description = "The person's roles (see /api/v1/catalogue); several roles give the union of their need to know.",
                    example = "[\"LA_CHIEF_EXECUTIVE\"]")
            @Size(max = 10, message = "must have at most {max} items") List<@NotNull String> roles,
            @Schema(description = "The kind of organisation the person works for.", requiredMode = Schema.RequiredMode.REQUIRED)
            @NotNull Organisation organisation,
            @Schema(description = "Nationalities as ISO 3166 alpha-2 codes (GB for British). Needed when the document has a national caveat.",
                    example = "[\"GB\"]")
            @Size(max = 10, message = "must have at most {max} items") List<@NotNull String> nationalities,
            @Schema(description = "Every vetting level the person holds or claims, one line each.")
            @Size(max = 20, message = "must have at most {max} items") List<@NotNull @Valid VettingInput> vetting) {
    }

    @Schema(description = "One vetting line the person holds or claims.")
    public record VettingInput(
            @Schema(description = "The vetting level.", requiredMode = Schema.RequiredMode.REQUIRED)
            @NotNull VettingLevel level,
            @Schema(description = "Where the clearance stands (see /api/v1/catalogue); which statuses count is the rules' (rules/vetting/clearances.drl).",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            @NotNull ClearanceStatus status,
            @Schema(description = "Date granted (ISO 8601).")
            LocalDate grantedOn,
            @Schema(description = "Date the clearance is due for review (ISO 8601).")
            LocalDate reviewDue,
            @Schema(description = "The sponsoring organisation.", example = "Anytown Council")
            String sponsor,
            @Schema(description = "For a LAPSED clearance, the date the person left the sponsor (whether it can be transferred is the rules').")
            LocalDate lapsedOn) {
    }

    @Schema(description = "The document asked about.")
    public record DocumentInput(
            @Schema(description = "The caller's identifier for the document.", example = "ctlp-anytown-2026")
            String id,
            @Schema(description = "The protective marking, of either scheme (see /api/v1/catalogue).", requiredMode = Schema.RequiredMode.REQUIRED)
            @NotNull Marking marking,
            @Schema(description = "Which scheme the marking belongs to (see /api/v1/catalogue); when absent the rules infer it and the answer says how.")
            Scheme scheme,
            @Schema(description = "The document category need to know is decided on (see /api/v1/catalogue).", example = "CTLP_FULL")
            String category,
            @Schema(description = "National caveats such as UK_EYES_ONLY (see /api/v1/catalogue).")
            @Size(max = 20, message = "must have at most {max} items") List<@NotNull String> caveats,
            @Schema(description = "Descriptors such as PERSONAL: handling hints, as the rules read them.")
            @Size(max = 20, message = "must have at most {max} items") List<@NotNull String> descriptors,
            @Schema(description = "True for codeword material (what it needs: rules/vetting/minimum-vetting.csv).")
            Boolean codeword,
            @Schema(description = "The originator's regime (see /api/v1/catalogue); when absent, the rules decide how it is treated and the answer says so.")
            Owner owner,
            @Schema(description = "Date the document was created (ISO 8601); the rules read the scheme from it when none is given.")
            LocalDate createdOn,
            @Schema(description = "Lower-marked versions of the same content (sanitised extracts, partner versions).")
            @Size(max = 20, message = "must have at most {max} items") List<@NotNull @Valid AlternativeInput> alternatives) {
    }

    @Schema(description = "A lower-marked version of the document. Caveats and owner are those of the document unless given.")
    public record AlternativeInput(
            @Schema(description = "The caller's identifier for the alternative.", requiredMode = Schema.RequiredMode.REQUIRED,
                    example = "ctlp-anytown-2026-partner")
            @NotBlank String id,
            @Schema(description = "The alternative's protective marking.", requiredMode = Schema.RequiredMode.REQUIRED)
            @NotNull Marking marking,
            @Schema(description = "Which scheme the marking belongs to; inferred when absent.")
            Scheme scheme,
            @Schema(description = "The alternative's category; that of the document when absent.", example = "CTLP_PARTNER")
            String category,
            @Schema(description = "National caveats on the alternative; those of the document when absent.")
            @Size(max = 20, message = "must have at most {max} items") List<@NotNull String> caveats,
            @Schema(description = "True for codeword material.")
            Boolean codeword,
            @Schema(description = "The originator's regime; that of the document when absent.")
            Owner owner) {
    }

    @Schema(description = "How the person would handle the document.")
    public record AccessInput(
            @Schema(description = "How often the person handles the material (see /api/v1/catalogue for what each value means). When absent, the rules assume one and the answer says so.")
            Frequency frequency,
            @Schema(description = "How the person gets at the material (see /api/v1/catalogue for what each value means). When absent, the rules assume one and the answer says so.")
            AccessRoute via) {
        public AccessInput(Frequency frequency) {
            this(frequency, null);
        }
    }
}
