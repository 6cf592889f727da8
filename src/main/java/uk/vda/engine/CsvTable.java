package uk.vda.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A policy table: a header row and data rows, read from a CSV file that policy staff edit. Lines that are blank
 * or start with {@code #} are comments. {@code line} of a row is its line number in the file, so every error and
 * every rule generated from a row can point back to it.
 */
public record CsvTable(String path, List<String> columns, List<Row> rows) {

    public record Row(int line, Map<String, String> cells) {
        public String get(String column) {
            return cells.getOrDefault(column, "");
        }
    }

    public static CsvTable parse(String path, String text) {
        List<String> columns = null;
        List<Row> rows = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            List<String> cells = split(line, path, i + 1);
            if (columns == null) {
                columns = cells.stream().map(String::strip).toList();
                continue;
            }
            if (cells.size() > columns.size()) {
                throw new RuleSetException(List.of(new RuleProblem(
                        path,
                        i + 1,
                        null,
                        columns.size() + 1 + "",
                        "row has " + cells.size() + " cells but the header names " + columns.size() + " columns")));
            }
            Map<String, String> byColumn = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                byColumn.put(columns.get(c), c < cells.size() ? cells.get(c).strip() : "");
            }
            rows.add(new Row(i + 1, byColumn));
        }
        if (columns == null) {
            throw new RuleSetException(List.of(new RuleProblem(path, 1, null, null, "the table has no header row")));
        }
        return new CsvTable(path, columns, List.copyOf(rows));
    }

    /** Splits one CSV line: commas separate cells, double quotes protect commas, "" is a quote. */
    private static List<String> split(String line, String path, int lineNumber) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        if (quoted) {
            throw new RuleSetException(
                    List.of(new RuleProblem(path, lineNumber, null, null, "a quoted cell is not closed")));
        }
        cells.add(cell.toString());
        return cells;
    }
}
