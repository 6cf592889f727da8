package uk.vda.engine;

import io.swagger.v3.oas.annotations.media.Schema;

/** One compiled rule: its stable name, the file it came from (a table for generated rules), and its metadata. */
@Schema(description = "One rule of the rule set.")
public record RuleInfo(
        @Schema(description = "The rule's stable name.") String name,

        @Schema(description = "The file it comes from under rules/ (the table, for a table row).")
        String file,

        @Schema(description = "What it does, in one sentence.")
        String description,

        @Schema(description = "Where it comes from: guidance, and the table line for a table row.")
        String source) {}
