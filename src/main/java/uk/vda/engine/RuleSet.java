package uk.vda.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a compiled rule set is, without the KIE objects: its version (a content hash of every file under
 * {@code rules/}), its files and their contents, its rules and its tables (so that the catalogue can list roles
 * and categories), and the facts every session of it starts with, made from its tables when it was compiled
 * (the order of vetting levels, which scheme each marking belongs to).
 */
public record RuleSet(
        String version,
        Instant compiledAt,
        String directory,
        List<String> files,
        List<RuleInfo> rules,
        Map<String, CsvTable> tables,
        Map<String, String> contents,
        List<Object> facts) {

    public RuleSet(
            String version,
            Instant compiledAt,
            String directory,
            List<String> files,
            List<RuleInfo> rules,
            Map<String, CsvTable> tables,
            Map<String, String> contents) {
        this(version, compiledAt, directory, files, rules, tables, contents, List.of());
    }

    public int ruleCount() {
        return rules.size();
    }

    /**
     * The table of a name ({@link Tables}: its file name, in whichever folder), or at a path relative to
     * {@code rules/}, for example {@code needtoknow/need-to-know.csv}.
     */
    public CsvTable table(String name) {
        CsvTable table = Tables.find(tables, name);
        if (table == null) {
            List<String> paths = Tables.paths(tables, name);
            throw new RuleSetException(List.of(new RuleProblem(
                    name,
                    0,
                    null,
                    paths.isEmpty()
                            ? "the rule set has no table of this name"
                            : "more than one table has this name: " + String.join(", ", paths))));
        }
        return table;
    }

    /** The table of a name, or null when the rule set has none (or more than one). */
    public CsvTable findTable(String name) {
        return Tables.find(tables, name);
    }

    /** The rows of a table as column → cell maps; empty when the rule set has no table of this name. */
    public List<Map<String, String>> rows(String name) {
        CsvTable table = findTable(name);
        return table == null
                ? List.of()
                : table.rows().stream().map(CsvTable.Row::cells).toList();
    }

    /** The fact of a type every session of this rule set starts with; null when there is none. */
    public <T> T fact(Class<T> type) {
        return facts.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .findFirst()
                .orElse(null);
    }
}
