package uk.vda.engine;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One thing wrong with a rule set, pointing at what policy staff edit: the file, the line (for a table, the row's
 * line), the rule when known, the table column when known, and the compiler's message.
 */
@Schema(description = "One thing wrong with a rule set.")
public record RuleProblem(
        @Schema(description = "The file under rules/.") String file,

        @Schema(description = "The line (for a table, the row's line); 0 when not known.")
        int line,

        @Schema(description = "The rule, when known.") String rule,

        @Schema(description = "The table column, when known.")
        String column,

        @Schema(description = "What is wrong.") String message) {

    public RuleProblem(String file, int line, String rule, String message) {
        this(file, line, rule, null, message);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(file);
        if (line > 0) {
            s.append(':').append(line);
        }
        if (column != null) {
            s.append(" (column ").append(column).append(')');
        }
        if (rule != null) {
            s.append(" rule \"").append(rule).append('"');
        }
        return s.append(": ").append(message).toString();
    }
}
