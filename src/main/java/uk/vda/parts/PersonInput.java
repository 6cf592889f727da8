package uk.vda.parts;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import uk.vda.policy.Organisation;

/** The person a question is about: roles, organisation, nationalities and the vetting held. */
@Schema(description = "The person who would see the document.")
public record PersonInput(
        @Schema(
                description = "An identifier the caller uses for the person (no names needed).",
                example = "la-ce-anytown")
        @Size(max = 200, message = "must be at most {max} characters")
        String id,

        @Schema(
                description =
                        "The person's roles (see /api/v1/catalogue); several roles give the union of their need to know.",
                example = "[\"LA_CHIEF_EXECUTIVE\"]")
        @Size(max = 10, message = "must have at most {max} items")
        List<@NotNull String> roles,

        @Schema(
                description = "The kind of organisation the person works for.",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull
        Organisation organisation,

        @Schema(
                description =
                        "Nationalities as ISO 3166 alpha-2 codes (GB for British). Needed when the document has a national caveat.",
                example = "[\"GB\"]")
        @Size(max = 10, message = "must have at most {max} items")
        List<@NotNull String> nationalities,

        @Schema(description = "Every vetting level the person holds or claims, one line each.")
        @Size(max = 20, message = "must have at most {max} items")
        List<@NotNull @Valid VettingInput> vetting) {}
