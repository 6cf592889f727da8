package uk.vda.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a CSV table into DRL through its template ({@code x.csv} beside {@code x.drt}), the way Drools rule
 * templates do: the text between {@code template "Name"} and {@code end template} is written once per row with
 * {@code @{column}} replaced by the row's cell and {@code @{row}} by the row's line number. A column whose header
 * ends in {@code []} holds a list (cells split on {@code ;}) and is written as {@code "A", "B"}.
 * Every generated line remembers the row it came from, so compile errors point at the table row.
 */
final class TableTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("@\\{([A-Za-z][A-Za-z0-9_]*)}");
    private static final Pattern START = Pattern.compile("^\\s*template\\s+\"[^\"]+\"\\s*$");
    private static final Pattern END = Pattern.compile("^\\s*end\\s+template\\s*$");

    /**
     * Generated DRL and, for each of its lines (0-based), the table line it came from (0 for template text) and
     * the template line it was written from.
     */
    record Expansion(String drl, int[] tableLineOf, int[] templateLineOf, List<String> columns) {}

    private TableTemplate() {}

    static Expansion expand(
            String templatePath, String template, CsvTable table, Map<String, TableSchema.ColumnType> types) {
        List<String> lines = Arrays.asList(template.split("\r?\n", -1));
        int start = -1;
        int end = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (start < 0 && START.matcher(lines.get(i)).matches()) {
                start = i;
            } else if (start >= 0 && END.matcher(lines.get(i)).matches()) {
                end = i;
                break;
            }
        }
        if (start < 0 || end < 0) {
            throw new RuleSetException(List.of(new RuleProblem(
                    templatePath,
                    start < 0 ? 1 : start + 1,
                    null,
                    "a template needs a line 'template \"Name\"' and a line 'end template' around the rule text")));
        }
        checkPlaceholders(templatePath, lines, start, end, table, types);

        List<String> out = new ArrayList<>();
        List<Integer> origin = new ArrayList<>();
        List<Integer> templateLine = new ArrayList<>();
        for (int i = 0; i < start; i++) {
            out.add(lines.get(i));
            origin.add(0);
            templateLine.add(i + 1);
        }
        for (CsvTable.Row row : table.rows()) {
            for (int i = start + 1; i < end; i++) {
                out.add(fill(lines.get(i), row, table));
                origin.add(row.line());
                templateLine.add(i + 1);
            }
        }
        for (int i = end + 1; i < lines.size(); i++) {
            out.add(lines.get(i));
            origin.add(0);
            templateLine.add(i + 1);
        }
        return new Expansion(
                String.join("\n", out),
                origin.stream().mapToInt(Integer::intValue).toArray(),
                templateLine.stream().mapToInt(Integer::intValue).toArray(),
                table.columns());
    }

    /**
     * Every placeholder names a column, and stands where its values are harmless: free text only inside a double-
     * quoted string (where it is escaped), a list only outside one (it is written as quoted strings), words of a
     * fixed vocabulary anywhere.
     */
    private static void checkPlaceholders(
            String templatePath,
            List<String> lines,
            int start,
            int end,
            CsvTable table,
            Map<String, TableSchema.ColumnType> types) {
        List<RuleProblem> problems = new ArrayList<>();
        for (int i = start + 1; i < end; i++) {
            String line = lines.get(i);
            Matcher m = PLACEHOLDER.matcher(line);
            while (m.find()) {
                String name = m.group(1);
                String column = column(table, name);
                if (!name.equals("row") && column == null) {
                    problems.add(new RuleProblem(
                            templatePath,
                            i + 1,
                            null,
                            "@{" + name + "} names no column of " + table.path() + " (columns: "
                                    + String.join(", ", table.columns()) + ")"));
                    continue;
                }
                boolean quoted = insideString(line, m.start());
                TableSchema.ColumnType type = column == null ? null : types.get(column);
                if (column != null && column.endsWith("[]") && quoted) {
                    problems.add(new RuleProblem(
                            templatePath,
                            i + 1,
                            null,
                            "@{" + name + "} is a list, written as " + "quoted texts: it must stand outside quotes"));
                } else if (type != null && !column.endsWith("[]") && !type.isWord() && !quoted) {
                    problems.add(new RuleProblem(
                            templatePath,
                            i + 1,
                            null,
                            "@{" + name + "} is free text (" + type.declared()
                                    + "): it may stand only inside double quotes, where it is escaped"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleSetException(problems);
        }
    }

    /**
     * Whether a position of a template line is inside a double-quoted string (the only place text is escaped). A
     * comment, a character literal or a text block before it makes the answer no: the quotes may not be what they
     * seem, so free text is refused there.
     */
    private static boolean insideString(String line, int position) {
        boolean inside = false;
        for (int i = 0; i < position; i++) {
            char c = line.charAt(i);
            if (inside) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inside = false;
                }
            } else if (c == '\''
                    || line.startsWith("//", i)
                    || line.startsWith("/*", i)
                    || line.startsWith("\"\"\"", i)) {
                return false;
            } else if (c == '"') {
                inside = true;
            }
        }
        return inside;
    }

    private static String column(CsvTable table, String name) {
        for (String c : table.columns()) {
            if (c.equals(name) || c.equals(name + "[]")) {
                return c;
            }
        }
        return null;
    }

    private static String fill(String line, CsvTable.Row row, CsvTable table) {
        Matcher m = PLACEHOLDER.matcher(line);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value;
            if (name.equals("row")) {
                value = Integer.toString(row.line());
            } else {
                String column = column(table, name);
                String cell = row.get(column);
                value = column.endsWith("[]")
                        ? Arrays.stream(cell.split(";"))
                                .map(String::strip)
                                .filter(s -> !s.isEmpty())
                                .map(s -> '"' + escape(s) + '"')
                                .collect(Collectors.joining(", "))
                        : escape(cell);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\")
                .replace("\"", "\\\"")
                .replace("\n", "\\n")
                .replace("\r", "\\r");
    }
}
