package uk.vda.parts;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import uk.vda.policy.Marking;
import uk.vda.policy.Owner;
import uk.vda.policy.Scheme;

/** The document a question is about, with any lower-marked alternatives. */
@Schema(description = "The document asked about.")
public record DocumentInput(
        @Schema(description = "The caller's identifier for the document.", example = "ctlp-anytown-2026")
        @Size(max = 200, message = "must be at most {max} characters")
        String id,

        @Schema(
                description = "The protective marking, of either scheme (see /api/v1/catalogue).",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull
        Marking marking,

        @Schema(
                description =
                        "Which scheme the marking belongs to (see /api/v1/catalogue); when absent the rules infer it and the answer says how.")
        Scheme scheme,

        @Schema(
                description = "The document category need to know is decided on (see /api/v1/catalogue).",
                example = "CTLP_FULL")
        String category,

        @Schema(description = "National caveats such as UK_EYES_ONLY (see /api/v1/catalogue).")
        @Size(max = 20, message = "must have at most {max} items")
        List<@NotNull String> caveats,

        @Schema(description = "Descriptors such as PERSONAL: handling hints, as the rules read them.")
        @Size(max = 20, message = "must have at most {max} items")
        List<@NotNull String> descriptors,

        @Schema(description = "True for codeword material (what it needs: rules/vetting/minimum-vetting.csv).")
        Boolean codeword,

        @Schema(
                description =
                        "The originator's regime (see /api/v1/catalogue); when absent, the rules decide how it is treated and the answer says so.")
        Owner owner,

        @Schema(
                description =
                        "Date the document was created (ISO 8601); the rules read the scheme from it when none is given.")
        LocalDate createdOn,

        @Schema(description = "Lower-marked versions of the same content (sanitised extracts, partner versions).")
        @Size(max = 20, message = "must have at most {max} items")
        List<@NotNull @Valid AlternativeInput> alternatives) {

    /**
     * Rule evaluations a question about this document needs when it is not answered from the cache: one for the
     * document and one for each alternative. What a batch pair or an AuthZEN evaluation costs
     * ({@code uk.vda.security.CostLimiter}).
     */
    public int evaluations() {
        return 1 + (alternatives == null ? 0 : alternatives.size());
    }

    /** The same document with another id and other lower-marked versions. */
    public DocumentInput with(String id, List<AlternativeInput> alternatives) {
        return new DocumentInput(
                id, marking, scheme, category, caveats, descriptors, codeword, owner, createdOn, alternatives);
    }
}
