package uk.vda.ruleset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.media.Schema;
import uk.vda.engine.CsvTable;
import uk.vda.engine.RuleSet;
import uk.vda.policy.AccessRoute;
import uk.vda.policy.Frequency;
import uk.vda.policy.Marking;
import uk.vda.policy.Owner;
import uk.vda.policy.Scheme;
import uk.vda.policy.VettingLevel;

/**
 * Static checks on the policy tables, the way Drools' decision-table tools check them: unknown values (named by
 * row and column), gaps (a marking × frequency no matrix row answers), overlaps that give different answers,
 * and the role tables out of step with each other. Errors stop a rule set going live; warnings are shown.
 */
public final class TableChecks {
    static final String MATRIX = "vetting/minimum-vetting.csv";
    static final String FORCE = "vetting/force-vetting.csv";
    static final String LEVELS = "vetting/vetting-levels.csv";
    static final String MARKINGS = "markings/markings.csv";
    static final String ROLES = "needtoknow/need-to-know.csv";
    static final String CATEGORIES = "needtoknow/categories.csv";
    static final String CAVEATS = "caveats/caveats.csv";
    static final String HANDLING = "handling/handling.csv";
    static final String PROFILES = "assessment/role-profiles.csv";
    static final String COSTS = "assessment/vetting-costs.csv";

    private static final Set<String> NATIONAL = Set.of("NONE", "BPSS", "SC", "DV");
    private static final Set<String> POLICE = Set.of("NONE", "NPPV1", "NPPV2_ABBREVIATED", "NPPV2_FULL", "NPPV3");
    private static final Set<String> KINDS = Set.of("NATIONAL", "PROXIMITY", "POLICE_STAFF", "DESIGNATED_POST", "FORCE");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    /** One thing found in a table. */
    @Schema(description = "One thing found in a policy table.")
    public record Finding(@Schema(description = "ERROR (stops the rule set going live) or WARNING.") String severity,
                          @Schema(description = "The table, under rules/.") String file,
                          @Schema(description = "Line in the file; 0 for the table as a whole.") int line,
                          @Schema(description = "Column, when one cell is at fault.") String column,
                          @Schema(description = "What is wrong, in plain English.") String message) {
        @Override
        public String toString() {
            return severity + " " + file + (line > 0 ? ":" + line : "") + (column == null ? "" : " (column " + column + ")")
                    + ": " + message;
        }
    }

    private final List<Finding> findings = new ArrayList<>();
    private final RuleSet ruleSet;

    private TableChecks(RuleSet ruleSet) {
        this.ruleSet = ruleSet;
    }

    public static List<Finding> check(RuleSet ruleSet) {
        TableChecks checks = new TableChecks(ruleSet);
        checks.matrix();
        checks.force();
        checks.levels();
        checks.markings();
        checks.roles();
        checks.caveats();
        checks.handling();
        checks.costs();
        return List.copyOf(checks.findings);
    }

    public static boolean hasErrors(List<Finding> findings) {
        return findings.stream().anyMatch(f -> f.severity().equals("ERROR"));
    }

    private CsvTable table(String path) {
        CsvTable table = ruleSet.tables().get(path);
        if (table == null) {
            findings.add(new Finding("ERROR", path, 0, null, "the table is missing"));
        }
        return table;
    }

    private void error(CsvTable table, CsvTable.Row row, String column, String message) {
        findings.add(new Finding("ERROR", table.path(), row == null ? 0 : row.line(), column, message));
    }

    private boolean allowed(CsvTable table, CsvTable.Row row, String column, Set<String> values) {
        String cell = row.get(column);
        if (!values.contains(cell)) {
            error(table, row, column, "'" + cell + "' is not allowed here; allowed: " + String.join(", ", new TreeSet<>(values)));
            return false;
        }
        return true;
    }

    private static Set<String> names(Enum<?>[] values, String... extra) {
        Set<String> names = Arrays.stream(values).map(Enum::name).collect(Collectors.toCollection(LinkedHashSet::new));
        names.addAll(Arrays.asList(extra));
        return names;
    }

    private void matrix() {
        CsvTable table = table(MATRIX);
        if (table == null) {
            return;
        }
        List<CsvTable.Row> valid = new ArrayList<>();
        for (CsvTable.Row row : table.rows()) {
            boolean ok = allowed(table, row, "marking", names(Marking.values(), "ANY"))
                    & allowed(table, row, "frequency", names(Frequency.values(), "ANY"))
                    & allowed(table, row, "codeword", Set.of("YES", "NO", "ANY"))
                    & allowed(table, row, "requires", NATIONAL);
            if (ok) {
                valid.add(row);
            }
        }
        Map<String, List<String>> overlaps = new LinkedHashMap<>();
        for (Marking marking : Marking.values()) {
            for (Frequency frequency : Frequency.values()) {
                for (String codeword : List.of("NO", "YES")) {
                    Predicate<CsvTable.Row> matches = r -> (r.get("marking").equals("ANY") || r.get("marking").equals(marking.name()))
                            && (r.get("frequency").equals("ANY") || r.get("frequency").equals(frequency.name()))
                            && (r.get("codeword").equals("ANY") || r.get("codeword").equals(codeword));
                    List<CsvTable.Row> rows = valid.stream().filter(matches).toList();
                    String what = frequency.name().toLowerCase(Locale.ROOT) + " access to " + marking
                            + (codeword.equals("YES") ? " codeword" : "") + " material";
                    if (rows.isEmpty()) {
                        findings.add(new Finding("ERROR", MATRIX, 0, null, "gap: no row says what " + what
                                + " needs, so it would be refused by default"));
                    } else if (rows.stream().map(r -> r.get("requires")).distinct().count() > 1) {
                        String lines = "lines " + rows.stream().map(r -> Integer.toString(r.line())).collect(Collectors.joining(" and "))
                                + " (" + rows.stream().map(r -> r.get("requires")).collect(Collectors.joining(" vs ")) + ")";
                        overlaps.computeIfAbsent(lines, k -> new ArrayList<>()).add(what);
                    }
                }
            }
        }
        overlaps.forEach((lines, cases) -> findings.add(new Finding("WARNING", MATRIX, 0, "requires", "overlap: " + lines
                + " both answer " + String.join("; ", cases) + ". The highest applies; check that is meant.")));
    }

    private void force() {
        CsvTable table = table(FORCE);
        if (table != null) {
            for (CsvTable.Row row : table.rows()) {
                allowed(table, row, "marking", names(Marking.values()));
                allowed(table, row, "requires", POLICE);
                allowed(table, row, "via", names(AccessRoute.values()));
            }
        }
    }

    private void levels() {
        CsvTable table = table(LEVELS);
        if (table == null) {
            return;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (CsvTable.Row row : table.rows()) {
            if (allowed(table, row, "level", names(VettingLevel.values())) && !seen.add(row.get("level"))) {
                error(table, row, "level", row.get("level") + " has more than one row");
            }
            allowed(table, row, "countsAs", NATIONAL);
            allowed(table, row, "policeEquivalent", POLICE);
            allowed(table, row, "kind", KINDS);
            if (!row.get("ukResidenceYears").matches("\\d{1,2}")) {
                error(table, row, "ukResidenceYears", "'" + row.get("ukResidenceYears") + "' is not a whole number of years (0: none)");
            }
            if (!row.get("validityYears").matches("\\d{1,2}")) {
                error(table, row, "validityYears", "'" + row.get("validityYears") + "' is not a whole number of years (0: no fixed expiry)");
            }
        }
        for (VettingLevel level : VettingLevel.values()) {
            if (!seen.contains(level.name())) {
                error(table, null, "level", "gap: no row for " + level + ", so a clearance at that level would never count");
            }
        }
    }

    private void markings() {
        CsvTable table = table(MARKINGS);
        if (table == null) {
            return;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (CsvTable.Row row : table.rows()) {
            allowed(table, row, "scheme", names(Scheme.values()));
            allowed(table, row, "marking", names(Marking.values()));
            allowed(table, row, "treatedAs", names(Marking.values()));
            seen.add(row.get("scheme") + " " + row.get("marking"));
        }
        for (Marking marking : Marking.values()) {
            for (Scheme scheme : marking.getSchemes()) {
                if (!seen.contains(scheme + " " + marking)) {
                    error(table, null, "marking", "gap: no row says how " + scheme + " " + marking + " is treated");
                }
            }
        }
    }

    private void roles() {
        CsvTable roles = table(ROLES);
        CsvTable categories = table(CATEGORIES);
        CsvTable profiles = table(PROFILES);
        if (roles == null || categories == null || profiles == null) {
            return;
        }
        Set<String> categoryNames = categories.rows().stream().map(r -> r.get("category")).collect(Collectors.toSet());
        Map<String, Integer> roleLines = new LinkedHashMap<>();
        for (CsvTable.Row row : roles.rows()) {
            if (roleLines.putIfAbsent(row.get("role"), row.line()) != null) {
                error(roles, row, "role", row.get("role") + " has more than one row");
            }
            for (String category : row.get("categories[]").split(";")) {
                if (!category.isBlank() && !categoryNames.contains(category.strip())) {
                    error(roles, row, "categories[]", "'" + category.strip() + "' is not in " + CATEGORIES);
                }
            }
        }
        Set<String> profiled = new LinkedHashSet<>();
        for (CsvTable.Row row : profiles.rows()) {
            profiled.add(row.get("role"));
            if (!roleLines.containsKey(row.get("role"))) {
                error(profiles, row, "role", "'" + row.get("role") + "' has an access profile but no row in " + ROLES);
            }
            allowed(profiles, row, "marking", names(Marking.values()));
            allowed(profiles, row, "frequency", names(Frequency.values()));
            allowed(profiles, row, "owner", names(Owner.values(), ""));
            allowed(profiles, row, "via", names(AccessRoute.values(), ""));
            allowed(profiles, row, "reducible", Set.of("YES", "NO"));
            if (!row.get("category").isBlank() && !categoryNames.contains(row.get("category"))) {
                error(profiles, row, "category", "'" + row.get("category") + "' is not in " + CATEGORIES);
            }
        }
        roleLines.forEach((role, line) -> {
            if (!profiled.contains(role)) {
                findings.add(new Finding("ERROR", ROLES, line, "role", role + " has no typical access profile in " + PROFILES
                        + ", so a vetting assessment for it would need one in every request"));
            }
        });
    }

    private void caveats() {
        CsvTable table = table(CAVEATS);
        if (table != null) {
            for (CsvTable.Row row : table.rows()) {
                for (String code : row.get("nationalities[]").split(";")) {
                    if (!COUNTRIES.contains(code.strip())) {
                        error(table, row, "nationalities[]", "'" + code.strip() + "' is not an ISO 3166 alpha-2 country code");
                    }
                }
            }
        }
    }

    private void handling() {
        CsvTable table = table(HANDLING);
        if (table != null) {
            for (CsvTable.Row row : table.rows()) {
                allowed(table, row, "marking", names(Marking.values()));
            }
        }
    }

    private void costs() {
        CsvTable table = table(COSTS);
        if (table != null) {
            for (CsvTable.Row row : table.rows()) {
                allowed(table, row, "level", names(VettingLevel.values()));
                for (String column : List.of("costMin", "costMax", "leadTimeDays")) {
                    if (!row.get(column).matches("\\d{1,6}")) {
                        error(table, row, column, "'" + row.get(column) + "' is not a whole number");
                    }
                }
            }
        }
    }
}
