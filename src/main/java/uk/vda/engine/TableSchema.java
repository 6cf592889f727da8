package uk.vda.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Tables carry data, never code. Every column of a table {@code x.csv} has a declared type in {@code
 * x.columns.csv} beside it, and every cell is checked against its column's type before any rule is made from the
 * row. A type is one of a fixed vocabulary, or several joined by {@code |}:
 * <ul>
 *   <li>an enum of the fact model by its name ({@code Marking}, {@code VettingLevel}, {@code Frequency} …);</li>
 *   <li>{@code TEXT} (free text: it reaches rules only as an escaped string literal), {@code INTEGER},
 *       {@code DECIMAL}, {@code YES_NO}, {@code COUNTRY} (ISO 3166 two-letter code), {@code IDENTIFIER}
 *       (capitals, digits and underscores);</li>
 *   <li>{@code defines NAME}: the column lists the values of a vocabulary of the rule set's own (roles, categories,
 *       caveats), which other columns name as their type ({@code ROLE}, {@code CATEGORY});</li>
 *   <li>any other word in capitals: that word itself ({@code Marking|ANY} is a marking or the word ANY).</li>
 * </ul>
 * A column whose header ends {@code []} holds a list separated by {@code ;}, each item of the type.
 */
final class TableSchema {
    static final String SUFFIX = ".columns.csv";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,9}");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,9}(\\.\\d{1,6})?");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Set<String> BUILT_IN = Set.of("TEXT", "INTEGER", "DECIMAL", "YES_NO", "COUNTRY", "IDENTIFIER");
    private static final String DEFINES = "defines ";

    /** A column's type: the values it allows, or a kind of value. */
    record ColumnType(String declared, List<String> parts) {
        /** True when every value of the type can stand in rule code outside quotes (no free text). */
        boolean isWord() {
            return !parts.contains("TEXT");
        }
    }

    private final Map<String, Set<String>> enums;
    private final Map<String, Set<String>> vocabularies = new TreeMap<>();
    private final List<RuleProblem> problems = new ArrayList<>();

    private TableSchema(Map<String, Set<String>> enums) {
        this.enums = enums;
    }

    static boolean isSchema(String path) {
        return path.endsWith(SUFFIX);
    }

    static String schemaOf(String tablePath) {
        return tablePath.substring(0, tablePath.length() - ".csv".length()) + SUFFIX;
    }

    /**
     * Checks every table against its schema; returns the column types by table path (for the templates), or
     * throws the problems found, each with file, line and column.
     */
    static Map<String, Map<String, ColumnType>> check(Map<String, CsvTable> tables) {
        TableSchema schema = new TableSchema(RuleCodeAllowList.factEnums());
        Map<String, Map<String, ColumnType>> types = schema.read(tables);
        if (schema.problems.isEmpty()) {
            types.forEach((path, columns) -> schema.cells(tables.get(path), columns));
        }
        if (!schema.problems.isEmpty()) {
            throw new RuleSetException(schema.problems);
        }
        return types;
    }

    private Map<String, Map<String, ColumnType>> read(Map<String, CsvTable> tables) {
        Map<String, Map<String, ColumnType>> types = new TreeMap<>();
        for (CsvTable table : tables.values()) {
            if (isSchema(table.path())) {
                continue;
            }
            CsvTable schemaTable = tables.get(schemaOf(table.path()));
            if (schemaTable == null) {
                problems.add(new RuleProblem(
                        table.path(),
                        1,
                        null,
                        null,
                        "the table has no column types: add "
                                + schemaOf(table.path()) + " with a row 'column,type' for each of its columns ("
                                + String.join(", ", table.columns()) + ")"));
                continue;
            }
            Map<String, ColumnType> columns = new LinkedHashMap<>();
            for (CsvTable.Row row : schemaTable.rows()) {
                String column = row.get("column");
                String type = row.get("type");
                if (!table.columns().contains(column)) {
                    problems.add(new RuleProblem(
                            schemaTable.path(),
                            row.line(),
                            null,
                            "column",
                            "'" + column + "' is not a column of " + table.path() + " (columns: "
                                    + String.join(", ", table.columns()) + ")"));
                } else if (type.startsWith(DEFINES)) {
                    String name = type.substring(DEFINES.length()).strip();
                    vocabularies.put(name, new LinkedHashSet<>());
                    columns.put(column, new ColumnType(type, List.of("IDENTIFIER")));
                    table.rows()
                            .forEach(r -> (column.endsWith("[]")
                                            ? Arrays.stream(r.get(column).split(";"))
                                                    .map(String::strip)
                                                    .filter(v -> !v.isEmpty())
                                                    .toList()
                                            : List.of(r.get(column)))
                                    .forEach(vocabularies.get(name)::add));
                } else {
                    columns.put(
                            column,
                            new ColumnType(
                                    type,
                                    Arrays.stream(type.split("\\|"))
                                            .map(String::strip)
                                            .toList()));
                }
            }
            for (String column : table.columns()) {
                if (!columns.containsKey(column)) {
                    problems.add(new RuleProblem(
                            schemaTable.path(),
                            0,
                            null,
                            "type",
                            "the column '" + column + "' of " + table.path() + " has no type: add a row '" + column
                                    + ",TYPE'"));
                }
            }
            types.put(table.path(), columns);
        }
        types.forEach((path, columns) -> columns.forEach((column, type) -> {
            for (String part : type.parts()) {
                if (!(known(part) || IDENTIFIER.matcher(part).matches())) {
                    problems.add(new RuleProblem(
                            schemaOf(path),
                            0,
                            null,
                            "type",
                            "'" + part + "' (column " + column + ") is not a type: use " + vocabulary()
                                    + ", or a word in capitals"));
                }
            }
        }));
        return types;
    }

    private boolean known(String part) {
        return BUILT_IN.contains(part) || enums.containsKey(part) || vocabularies.containsKey(part);
    }

    private String vocabulary() {
        Set<String> names = new TreeSet<>(BUILT_IN);
        names.addAll(enums.keySet());
        names.addAll(vocabularies.keySet());
        return String.join(", ", names);
    }

    private void cells(CsvTable table, Map<String, ColumnType> columns) {
        for (CsvTable.Row row : table.rows()) {
            columns.forEach((column, type) -> {
                String cell = row.get(column);
                List<String> items = column.endsWith("[]")
                        ? Arrays.stream(cell.split(";"))
                                .map(String::strip)
                                .filter(s -> !s.isEmpty())
                                .toList()
                        : List.of(cell);
                for (String item : items) {
                    if (!item.isEmpty() && !allows(type, item)) {
                        problems.add(new RuleProblem(
                                table.path(),
                                row.line(),
                                null,
                                column,
                                "'" + shorten(item) + "' is not " + describe(type) + " (the column's type is "
                                        + type.declared() + ")"));
                    }
                }
            });
        }
    }

    private boolean allows(ColumnType type, String value) {
        for (String part : type.parts()) {
            boolean ok = switch (part) {
                case "TEXT" -> value.chars().noneMatch(c -> c < 0x20 && c != '\t');
                case "INTEGER" -> INTEGER.matcher(value).matches();
                case "DECIMAL" -> DECIMAL.matcher(value).matches();
                case "YES_NO" -> value.equals("YES") || value.equals("NO");
                case "COUNTRY" -> COUNTRIES.contains(value);
                case "IDENTIFIER" -> IDENTIFIER.matcher(value).matches();
                default ->
                    enums.containsKey(part)
                            ? enums.get(part).contains(value)
                            : vocabularies.containsKey(part)
                                    ? vocabularies.get(part).contains(value)
                                    : part.equals(value);
            };
            if (ok) {
                return true;
            }
        }
        return false;
    }

    private String describe(ColumnType type) {
        List<String> words = new ArrayList<>();
        for (String part : type.parts()) {
            Set<String> values = enums.containsKey(part) ? enums.get(part) : vocabularies.get(part);
            words.add(
                    switch (part) {
                        case "TEXT" -> "text on one line";
                        case "INTEGER" -> "a whole number";
                        case "DECIMAL" -> "a number";
                        case "YES_NO" -> "YES or NO";
                        case "COUNTRY" -> "a two-letter country code (GB, US …)";
                        case "IDENTIFIER" -> "a name in capitals, digits and _";
                        default -> values == null ? part : "one of " + String.join(", ", values);
                    });
        }
        return String.join(", or ", words);
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
