package uk.vda.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a compiled rule set is, without the KIE objects: its version (a content hash of every file under
 * {@code rules/}), its files and their contents, its rules and its tables (so that the catalogue can list roles
 * and categories).
 */
public record RuleSet(String version, Instant compiledAt, String directory, List<String> files,
                      List<RuleInfo> rules, Map<String, CsvTable> tables, Map<String, String> contents) {

    public int ruleCount() {
        return rules.size();
    }

    /** The table at a path relative to {@code rules/}, for example {@code needtoknow/need-to-know.csv}. */
    public CsvTable table(String path) {
        CsvTable table = tables.get(path);
        if (table == null) {
            throw new RuleSetException(List.of(new RuleProblem(path, 0, null,
                    "the rule set has no table at this path")));
        }
        return table;
    }
}
