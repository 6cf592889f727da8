package uk.vda.parts;

import io.swagger.v3.oas.annotations.media.Schema;

/** A fact the rules needed and the request did not give. */
@Schema(description = "A fact that was needed and not given.")
public record MissingFactView(
        @Schema(description = "The request field, e.g. person.nationalities.")
        String field,

        @Schema(description = "Why it matters.") String message) {}
