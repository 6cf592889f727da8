package uk.vda.parts;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import uk.vda.policy.Marking;
import uk.vda.policy.Owner;
import uk.vda.policy.Scheme;

/** A lower-marked version of a document. */
@Schema(
        description =
                "A lower-marked version of the document. Caveats and owner are those of the document unless given.")
public record AlternativeInput(
        @Schema(
                description = "The caller's identifier for the alternative.",
                requiredMode = Schema.RequiredMode.REQUIRED,
                example = "ctlp-anytown-2026-partner")
        @NotBlank
        @Size(max = 200, message = "must be at most {max} characters")
        String id,

        @Schema(description = "The alternative's protective marking.", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull
        Marking marking,

        @Schema(description = "Which scheme the marking belongs to; inferred when absent.")
        Scheme scheme,

        @Schema(description = "The alternative's category; that of the document when absent.", example = "CTLP_PARTNER")
        String category,

        @Schema(description = "National caveats on the alternative; those of the document when absent.")
        @Size(max = 20, message = "must have at most {max} items")
        List<@NotNull String> caveats,

        @Schema(description = "True for codeword material.") Boolean codeword,

        @Schema(description = "The originator's regime; that of the document when absent.")
        Owner owner) {}
