package uk.vda.parts;

import io.swagger.v3.oas.annotations.media.Schema;

/** The rule set that gave an answer. */
@Schema(description = "The rule set that answered.")
public record RuleSetRef(
        @Schema(description = "Content hash of every file under rules/.")
        String version) {}
