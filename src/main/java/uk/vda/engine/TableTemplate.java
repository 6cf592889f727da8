package uk.vda.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    /** Generated DRL and, for each of its lines (0-based), the table line it came from (0 for template text). */
    record Expansion(String drl, int[] tableLineOf, List<String> columns) {
    }

    private TableTemplate() {
    }

    static Expansion expand(String templatePath, String template, CsvTable table) {
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
            throw new RuleSetException(List.of(new RuleProblem(templatePath, start < 0 ? 1 : start + 1, null,
                    "a template needs a line 'template \"Name\"' and a line 'end template' around the rule text")));
        }
        checkPlaceholders(templatePath, lines, start, end, table);

        List<String> out = new ArrayList<>();
        List<Integer> origin = new ArrayList<>();
        for (int i = 0; i < start; i++) {
            out.add(lines.get(i));
            origin.add(0);
        }
        List<String> body = lines.subList(start + 1, end);
        for (CsvTable.Row row : table.rows()) {
            for (String line : body) {
                out.add(fill(line, row, table));
                origin.add(row.line());
            }
        }
        for (int i = end + 1; i < lines.size(); i++) {
            out.add(lines.get(i));
            origin.add(0);
        }
        return new Expansion(String.join("\n", out), origin.stream().mapToInt(Integer::intValue).toArray(),
                table.columns());
    }

    private static void checkPlaceholders(String templatePath, List<String> lines, int start, int end,
                                          CsvTable table) {
        List<RuleProblem> problems = new ArrayList<>();
        for (int i = start + 1; i < end; i++) {
            Matcher m = PLACEHOLDER.matcher(lines.get(i));
            while (m.find()) {
                String name = m.group(1);
                if (!name.equals("row") && column(table, name) == null) {
                    problems.add(new RuleProblem(templatePath, i + 1, null, "@{" + name + "} names no column of "
                            + table.path() + " (columns: " + String.join(", ", table.columns()) + ")"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleSetException(problems);
        }
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
                        ? Arrays.stream(cell.split(";")).map(String::strip).filter(s -> !s.isEmpty())
                            .map(s -> '"' + escape(s) + '"').collect(Collectors.joining(", "))
                        : escape(cell);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
