package uk.vda.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tables the service's own code reads, each by its file name: a table is found wherever it sits under
 * {@code rules/}, so policy staff may move it to another folder without a code change. These names are the one
 * place Java names a table; every other table is read by the rules alone.
 */
public final class Tables {
    public static final String MATRIX = "minimum-vetting.csv";
    public static final String FORCE = "force-vetting.csv";
    public static final String VETTING_LEVELS = "vetting-levels.csv";
    public static final String MARKINGS = "markings.csv";
    public static final String ROLES = "need-to-know.csv";
    public static final String CATEGORIES = "categories.csv";
    public static final String CAVEATS = "caveats.csv";
    public static final String HANDLING = "handling.csv";
    public static final String ROLE_PROFILES = "role-profiles.csv";
    public static final String COSTS = "vetting-costs.csv";
    public static final String LABELS = "labels.csv";
    public static final String SUMMARY = "summary.csv";
    public static final String DECIDING = "deciding-reasons.csv";
    public static final String VERDICTS = "verdicts.csv";
    public static final String CONTRADICTIONS = "contradictions.csv";

    private Tables() {}

    /**
     * The table of this name among a rule set's tables (by path): the one whose file is called {@code name}, in
     * whichever folder; null when there is none, or more than one ({@link #paths} tells which).
     */
    public static CsvTable find(Map<String, CsvTable> tables, String name) {
        List<String> paths = paths(tables, name);
        return paths.size() == 1 ? tables.get(paths.get(0)) : null;
    }

    /** The paths of every table whose file is called {@code name}. */
    public static List<String> paths(Map<String, CsvTable> tables, String name) {
        CsvTable exact = tables.get(name);
        if (exact != null) {
            return List.of(name);
        }
        List<String> paths = new ArrayList<>();
        for (String path : tables.keySet()) {
            if (path.endsWith("/" + name)) {
                paths.add(path);
            }
        }
        return paths;
    }
}
