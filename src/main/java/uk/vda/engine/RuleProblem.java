package uk.vda.engine;

/**
 * One thing wrong with a rule set, pointing at what policy staff edit: the file, the line (for a table, the row's
 * line), the rule when known, the table column when known, and the compiler's message.
 */
public record RuleProblem(String file, int line, String rule, String column, String message) {

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
