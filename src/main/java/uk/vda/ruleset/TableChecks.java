package uk.vda.ruleset;

import io.swagger.v3.oas.annotations.media.Schema;
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
import uk.vda.catalogue.Wording;
import uk.vda.engine.CsvTable;
import uk.vda.engine.RuleSet;
import uk.vda.engine.Tables;
import uk.vda.policy.Frequency;
import uk.vda.policy.Ladder;
import uk.vda.policy.Marking;
import uk.vda.policy.Owner;
import uk.vda.policy.Scheme;
import uk.vda.policy.VerdictValue;
import uk.vda.policy.VettingLevel;

/**
 * Static checks on the policy tables, the way Drools' decision-table tools check them: unknown values (named by
 * row and column), gaps (a marking × frequency no matrix row answers), overlaps that give different answers,
 * and the role tables out of step with each other. Errors stop a rule set going live; warnings are shown.
 */
public final class TableChecks {
    static final String MATRIX = Tables.MATRIX;
    static final String FORCE = Tables.FORCE;
    static final String LEVELS = Tables.VETTING_LEVELS;
    static final String MARKINGS = Tables.MARKINGS;
    static final String ROLES = Tables.ROLES;
    static final String CATEGORIES = Tables.CATEGORIES;
    static final String CAVEATS = Tables.CAVEATS;
    static final String HANDLING = Tables.HANDLING;
    static final String PROFILES = Tables.ROLE_PROFILES;
    static final String COSTS = Tables.COSTS;
    static final String LABELS = Tables.LABELS;
    static final String SUMMARY = Tables.SUMMARY;
    static final String DECIDING = Tables.DECIDING;
    static final String VERDICTS = Tables.VERDICTS;
    /** Each kind of code answers can show, with the values every one of which needs a label and a description. */
    private static final Map<String, Enum<?>[]> LABELLED = new LinkedHashMap<>();

    static {
        Wording.KINDS.forEach((kind, type) -> LABELLED.put(kind, type.getEnumConstants()));
    }

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    /** One thing found in a table. */
    @Schema(description = "One thing found in a policy table.")
    public record Finding(
            @Schema(description = "ERROR (stops the rule set going live) or WARNING.")
            String severity,

            @Schema(description = "The table, under rules/.")
            String file,

            @Schema(description = "Line in the file; 0 for the table as a whole.")
            int line,

            @Schema(description = "Column, when one cell is at fault.")
            String column,

            @Schema(description = "What is wrong, in plain English.")
            String message) {
        @Override
        public String toString() {
            return severity + " " + file + (line > 0 ? ":" + line : "")
                    + (column == null ? "" : " (column " + column + ")") + ": " + message;
        }
    }

    private final List<Finding> findings = new ArrayList<>();
    private final RuleSet ruleSet;
    /** The national and force ladders of the vetting-levels table: what the matrix and force tables may require. */
    private final Set<String> national;

    private final Set<String> police;

    private TableChecks(RuleSet ruleSet) {
        this.ruleSet = ruleSet;
        Ladder ladder = Ladder.of(ruleSet.rows(LEVELS));
        this.national = ladder.national().stream().map(Enum::name).collect(Collectors.toCollection(LinkedHashSet::new));
        this.police = ladder.force().stream().map(Enum::name).collect(Collectors.toCollection(LinkedHashSet::new));
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
        checks.labels();
        checks.summary();
        checks.deciding();
        checks.verdicts();
        return List.copyOf(checks.findings);
    }

    public static boolean hasErrors(List<Finding> findings) {
        return findings.stream().anyMatch(f -> f.severity().equals("ERROR"));
    }

    /** The table of a name ({@link Tables}), wherever it sits; a finding when there is none, or more than one. */
    private CsvTable table(String name) {
        CsvTable table = ruleSet.findTable(name);
        if (table == null) {
            List<String> paths = Tables.paths(ruleSet.tables(), name);
            findings.add(new Finding(
                    "ERROR",
                    name,
                    0,
                    null,
                    paths.isEmpty()
                            ? "the table is missing"
                            : "more than one table has this name (" + String.join(", ", paths)
                                    + "): the service cannot tell which to read"));
        }
        return table;
    }

    /** Where a table of a name sits, for findings about it as a whole. */
    private String path(String name) {
        CsvTable table = ruleSet.findTable(name);
        return table == null ? name : table.path();
    }

    private void error(CsvTable table, CsvTable.Row row, String column, String message) {
        findings.add(new Finding("ERROR", table.path(), row == null ? 0 : row.line(), column, message));
    }

    private boolean allowed(CsvTable table, CsvTable.Row row, String column, Set<String> values) {
        String cell = row.get(column);
        if (!values.contains(cell)) {
            error(
                    table,
                    row,
                    column,
                    "'" + cell + "' is not allowed here; allowed: " + String.join(", ", new TreeSet<>(values)));
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
                    & allowed(table, row, "requires", national);
            if (ok) {
                valid.add(row);
            }
        }
        Map<String, List<String>> overlaps = new LinkedHashMap<>();
        for (Marking marking : Marking.values()) {
            for (Frequency frequency : Frequency.values()) {
                for (String codeword : List.of("NO", "YES")) {
                    Predicate<CsvTable.Row> matches = r ->
                            (r.get("marking").equals("ANY") || r.get("marking").equals(marking.name()))
                                    && (r.get("frequency").equals("ANY")
                                            || r.get("frequency").equals(frequency.name()))
                                    && (r.get("codeword").equals("ANY")
                                            || r.get("codeword").equals(codeword));
                    List<CsvTable.Row> rows = valid.stream().filter(matches).toList();
                    String what = frequency.name().toLowerCase(Locale.ROOT) + " access to " + marking
                            + (codeword.equals("YES") ? " codeword" : "") + " material";
                    if (rows.isEmpty()) {
                        findings.add(new Finding(
                                "ERROR",
                                table.path(),
                                0,
                                null,
                                "gap: no row says what " + what + " needs, so it would be refused by default"));
                    } else if (rows.stream()
                                    .map(r -> r.get("requires"))
                                    .distinct()
                                    .count()
                            > 1) {
                        String lines = "lines "
                                + rows.stream()
                                        .map(r -> Integer.toString(r.line()))
                                        .collect(Collectors.joining(" and "))
                                + " ("
                                + rows.stream().map(r -> r.get("requires")).collect(Collectors.joining(" vs ")) + ")";
                        overlaps.computeIfAbsent(lines, k -> new ArrayList<>()).add(what);
                    }
                }
            }
        }
        overlaps.forEach((lines, cases) -> findings.add(new Finding(
                "WARNING",
                table.path(),
                0,
                "requires",
                "overlap: " + lines + " both answer " + String.join("; ", cases)
                        + ". The highest applies; check that is meant.")));
    }

    private void force() {
        CsvTable table = table(FORCE);
        if (table != null) {
            for (CsvTable.Row row : table.rows()) {
                allowed(table, row, "marking", names(Marking.values()));
                allowed(table, row, "requires", police);
            }
        }
    }

    private void levels() {
        CsvTable table = table(LEVELS);
        if (table == null) {
            return;
        }
        Set<String> seen = new LinkedHashSet<>();
        Map<String, String> nationalRanks = new LinkedHashMap<>();
        Map<String, String> policeRanks = new LinkedHashMap<>();
        for (CsvTable.Row row : table.rows()) {
            if (allowed(table, row, "level", names(VettingLevel.values())) && !seen.add(row.get("level"))) {
                error(table, row, "level", row.get("level") + " has more than one row");
            }
            allowed(table, row, "countsAs", national);
            allowed(table, row, "policeEquivalent", police);
            if (!row.get("validityYears").matches("\\d{1,2}")) {
                error(
                        table,
                        row,
                        "validityYears",
                        "'" + row.get("validityYears") + "' is not a whole number of years (0: no fixed expiry)");
            }
            String level = row.get("level");
            String rank = row.get("rank") == null ? "" : row.get("rank").strip();
            boolean onLadder = national.contains(level) || police.contains(level);
            if (onLadder && !rank.matches("\\d{1,4}")) {
                error(
                        table,
                        row,
                        "rank",
                        level + " is on the " + (national.contains(level) ? "national" : "force")
                                + " ladder (it counts as itself), so it needs a rank: a whole number, higher meeting lower");
            }
            for (var ladder : List.of(Map.entry(national, nationalRanks), Map.entry(police, policeRanks))) {
                if (ladder.getKey().contains(level) && !rank.isEmpty()) {
                    String before = ladder.getValue().putIfAbsent(rank, level);
                    if (before != null) {
                        error(
                                table,
                                row,
                                "rank",
                                level + " has the rank of " + before + " on the same ladder: each level of a ladder "
                                        + "needs a rank of its own, or neither would be the higher");
                    }
                }
            }
        }
        for (VettingLevel level : VettingLevel.values()) {
            if (!seen.contains(level.name())) {
                error(
                        table,
                        null,
                        "level",
                        "gap: no row for " + level + ", so a clearance at that level would never count");
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
            if (!seen.add(row.get("scheme") + " " + row.get("marking"))) {
                error(table, row, "marking", row.get("scheme") + " " + row.get("marking") + " has more than one row");
            }
        }
        // a marking belongs to the schemes it has rows for: one with none could be asked about and never read
        for (Marking marking : Marking.values()) {
            if (Arrays.stream(Scheme.values()).noneMatch(scheme -> seen.contains(scheme + " " + marking))) {
                error(
                        table,
                        null,
                        "marking",
                        "gap: no row says which scheme " + marking + " belongs to, or how it is treated");
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
        Set<String> categoryNames =
                categories.rows().stream().map(r -> r.get("category")).collect(Collectors.toSet());
        Map<String, Integer> roleLines = new LinkedHashMap<>();
        for (CsvTable.Row row : roles.rows()) {
            if (roleLines.putIfAbsent(row.get("role"), row.line()) != null) {
                error(roles, row, "role", row.get("role") + " has more than one row");
            }
            for (String category : row.get("categories[]").split(";")) {
                if (!category.isBlank() && !categoryNames.contains(category.strip())) {
                    error(roles, row, "categories[]", "'" + category.strip() + "' is not in " + categories.path());
                }
            }
        }
        Set<String> profiled = new LinkedHashSet<>();
        for (CsvTable.Row row : profiles.rows()) {
            profiled.add(row.get("role"));
            if (!roleLines.containsKey(row.get("role"))) {
                error(
                        profiles,
                        row,
                        "role",
                        "'" + row.get("role") + "' has an access profile but no row in " + roles.path());
            }
            allowed(profiles, row, "marking", names(Marking.values()));
            allowed(profiles, row, "frequency", names(Frequency.values()));
            allowed(profiles, row, "owner", names(Owner.values(), ""));
            if (!row.get("category").isBlank() && !categoryNames.contains(row.get("category"))) {
                error(profiles, row, "category", "'" + row.get("category") + "' is not in " + categories.path());
            }
        }
        roleLines.forEach((role, line) -> {
            if (!profiled.contains(role)) {
                findings.add(new Finding(
                        "ERROR",
                        roles.path(),
                        line,
                        "role",
                        role + " has no typical access profile in " + profiles.path()
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
                        error(
                                table,
                                row,
                                "nationalities[]",
                                "'" + code.strip() + "' is not an ISO 3166 alpha-2 country code");
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

    private void labels() {
        CsvTable table = table(LABELS);
        if (table == null) {
            return;
        }
        Set<String> kinds = new TreeSet<>(LABELLED.keySet());
        kinds.addAll(Set.of("CATEGORY", "CAVEAT", "ACRONYM", "OTHER"));
        Map<String, Set<String>> labelled = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, String> expansions = new LinkedHashMap<>();
        for (CsvTable.Row row : table.rows()) {
            if (!allowed(table, row, "kind", kinds)) {
                continue;
            }
            String code = row.get("code").strip();
            String label = row.get("label").strip();
            if (code.isEmpty() || label.isEmpty()) {
                error(table, row, code.isEmpty() ? "code" : "label", "every row needs a code and its label");
                continue;
            }
            Enum<?>[] values = LABELLED.get(row.get("kind"));
            if (values != null && !names(values).contains(code)) {
                // a label ready for a value the service does not have yet does no harm: it is never used
                findings.add(new Finding(
                        "WARNING",
                        table.path(),
                        row.line(),
                        "code",
                        "'" + code + "' is not a " + row.get("kind")
                                + " the service knows, so its label is unused; known: "
                                + String.join(", ", names(values))));
            }
            labelled.computeIfAbsent(row.get("kind"), k -> new LinkedHashSet<>())
                    .add(code);
            String description =
                    row.get("description") == null ? "" : row.get("description").strip();
            if (values != null && description.isEmpty()) {
                error(
                        table,
                        row,
                        "description",
                        row.get("kind") + " " + code
                                + " has no description, so the catalogue could not say what it means");
            }
            String before = labels.putIfAbsent(code, label);
            if (before != null && !before.equals(label)) {
                error(table, row, "label", code + " is labelled both '" + before + "' and '" + label + "'");
            }
            String expansion =
                    row.get("expansion") == null ? "" : row.get("expansion").strip();
            String acronym = Wording.acronymOf(label);
            if (!expansion.isEmpty()) {
                if (acronym == null) {
                    error(
                            table,
                            row,
                            "expansion",
                            "the label '" + label + "' has no acronym (a word in capitals) to spell out");
                } else if (expansions.containsKey(acronym)
                        && !expansions.get(acronym).equals(expansion)) {
                    findings.add(new Finding(
                            "WARNING",
                            table.path(),
                            row.line(),
                            "expansion",
                            acronym + " is spelt out both as '" + expansions.get(acronym) + "' and as '" + expansion
                                    + "': the first is used"));
                } else {
                    expansions.putIfAbsent(acronym, expansion);
                }
            }
        }
        LABELLED.forEach((kind, values) -> {
            for (Enum<?> value : values) {
                if (!labelled.getOrDefault(kind, Set.of()).contains(value.name())) {
                    findings.add(new Finding(
                            "ERROR",
                            table.path(),
                            0,
                            "code",
                            "gap: " + kind + " " + value + " has no label, so answers would show the code"));
                }
            }
        });
        CsvTable caveats = ruleSet.findTable(CAVEATS);
        if (caveats != null) {
            caveats.rows().stream()
                    .map(r -> r.get("caveat"))
                    .filter(c -> !labelled.getOrDefault("CAVEAT", Set.of()).contains(c))
                    .forEach(c -> findings.add(new Finding(
                            "ERROR",
                            table.path(),
                            0,
                            "code",
                            "gap: CAVEAT " + c + " (" + caveats.path()
                                    + ") has no label, so answers would show the code")));
        }
        CsvTable categories = ruleSet.findTable(CATEGORIES);
        if (categories != null) {
            categories.rows().stream()
                    .map(r -> r.get("category"))
                    .filter(c -> !labelled.getOrDefault("CATEGORY", Set.of()).contains(c))
                    .forEach(c -> findings.add(new Finding(
                            "WARNING",
                            table.path(),
                            0,
                            "code",
                            "CATEGORY " + c + " has no label here, so answers use its description in "
                                    + categories.path())));
        }
    }

    private void summary() {
        CsvTable table = table(SUMMARY);
        if (table == null) {
            return;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (CsvTable.Row row : table.rows()) {
            if (!allowed(table, row, "answer", Set.of("DECISION", "ASSESSMENT"))) {
                continue;
            }
            Set<String> outcomes = row.get("answer").equals("DECISION")
                    ? Set.of("PERMIT", "DENY", "ANY")
                    : names(VerdictValue.values(), "ANY");
            if (!outcomes.contains(row.get("outcome"))) {
                findings.add(new Finding(
                        "WARNING",
                        table.path(),
                        row.line(),
                        "outcome",
                        "'" + row.get("outcome") + "' is not a "
                                + row.get("answer").toLowerCase(Locale.ROOT)
                                + " outcome the service knows, so the row is unused; known: "
                                + String.join(", ", new TreeSet<>(outcomes))));
            }
            if (!seen.add(row.get("answer") + " " + row.get("outcome"))) {
                error(table, row, "outcome", row.get("answer") + " " + row.get("outcome") + " has more than one row");
            }
        }
        for (String needed : List.of("DECISION PERMIT", "DECISION DENY", "ASSESSMENT ANY")) {
            if (!seen.contains(needed) && !seen.contains(needed.split(" ")[0] + " ANY")) {
                findings.add(new Finding(
                        "ERROR",
                        table.path(),
                        0,
                        "outcome",
                        "gap: no row says how the summary of "
                                + needed.toLowerCase(Locale.ROOT).replace(" any", "s") + " opens"));
            }
        }
    }

    /** Every verdict ranked once (which one is given when rules give several), and whether it asks for vetting. */
    private void verdicts() {
        CsvTable table = table(VERDICTS);
        if (table == null) {
            return;
        }
        Set<String> seen = new LinkedHashSet<>();
        Map<String, String> ranks = new LinkedHashMap<>();
        for (CsvTable.Row row : table.rows()) {
            String verdict = row.get("verdict").strip();
            if (!seen.add(verdict)) {
                error(table, row, "verdict", verdict + " has more than one row");
            }
            String before = ranks.putIfAbsent(row.get("rank").strip(), verdict);
            if (before != null) {
                error(
                        table,
                        row,
                        "rank",
                        verdict + " has the rank of " + before
                                + ": each verdict needs a rank of its own, or neither would come first");
            }
        }
        for (VerdictValue verdict : VerdictValue.values()) {
            if (!seen.contains(verdict.name())) {
                error(
                        table,
                        null,
                        "verdict",
                        "gap: no row ranks " + verdict + ", so it would come after every other verdict");
            }
        }
    }

    private void deciding() {
        CsvTable table = table(DECIDING);
        if (table != null) {
            for (CsvTable.Row row : table.rows()) {
                if (!row.get("rank").strip().matches("\\d{1,4}")) {
                    error(table, row, "rank", "'" + row.get("rank") + "' is not a whole number");
                }
                String rule = row.get("rule").strip();
                if (rule.isEmpty()) {
                    error(table, row, "rule", "name a rule, or rules by the start of their name ending in *");
                } else if (ruleSet.rules().stream()
                        .map(r -> r.name())
                        .noneMatch(name -> rule.endsWith("*")
                                ? name.startsWith(rule.substring(0, rule.length() - 1))
                                : name.equals(rule))) {
                    findings.add(new Finding(
                            "WARNING",
                            table.path(),
                            row.line(),
                            "rule",
                            "no rule is called " + rule + ", so this row orders nothing (was the rule renamed?)"));
                }
            }
        }
    }
}
