package uk.vda.catalogue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import uk.vda.engine.CsvTable;
import uk.vda.engine.PolicyEngine;
import uk.vda.engine.RuleSet;
import uk.vda.engine.Tables;
import uk.vda.policy.MarkingSchemes;

/**
 * The values that the active rule set defines rather than the API: roles, document categories and national
 * caveats, each with its description, read from the rule set's tables so that a role added to a table is
 * accepted without a code change.
 */
@Component
public class Vocabulary {
    private final PolicyEngine engine;
    private volatile Columns columns;
    private volatile Worded worded;

    public Vocabulary(PolicyEngine engine) {
        this.engine = engine;
    }

    /** Role name → description. */
    public Map<String, String> roles() {
        return column(Tables.ROLES, "role", "description");
    }

    /** Category name → description. */
    public Map<String, String> categories() {
        return column(Tables.CATEGORIES, "category", "description");
    }

    /** Caveat name → description. */
    public Map<String, String> caveats() {
        return column(Tables.CAVEATS, "caveat", "description");
    }

    /**
     * Which scheme each marking belongs to, in the active rule set (its markings table, read when it was compiled).
     */
    public MarkingSchemes schemes() {
        return schemes(engine.ruleSet());
    }

    /** Which scheme each marking belongs to in a rule set. */
    public static MarkingSchemes schemes(RuleSet ruleSet) {
        MarkingSchemes schemes = ruleSet.fact(MarkingSchemes.class);
        return schemes != null ? schemes : MarkingSchemes.of(ruleSet.rows(Tables.MARKINGS));
    }

    /** How the active rule set names things in answers. */
    public Wording wording() {
        return wording(engine.ruleSet());
    }

    /**
     * How a rule set names things in answers: the rule set that answered, which during a reload may not be the
     * active one. Read once per rule set, like the columns.
     */
    public Wording wording(RuleSet ruleSet) {
        Worded worded = this.worded;
        if (worded == null || worded.ruleSet() != ruleSet) {
            worded = new Worded(ruleSet, Wording.of(ruleSet));
            this.worded = worded;
        }
        return worded.wording();
    }

    /** Where the active rule set keeps a table of this name ({@link Tables}), for messages; the name when nowhere. */
    public String path(String table) {
        CsvTable found = engine.ruleSet().findTable(table);
        return found == null ? table : found.path();
    }

    /** Rows of a rule-set table ({@link Tables}), as column → cell maps. */
    public List<Map<String, String>> rows(String table) {
        return engine.ruleSet().table(table).rows().stream()
                .map(CsvTable.Row::cells)
                .toList();
    }

    /**
     * Every question is checked against these values, so they are read from the tables once per rule set (the
     * RuleSet object: a reload brings a new one, so a value can never come from another version).
     */
    private Map<String, String> column(String table, String key, String description) {
        RuleSet ruleSet = engine.ruleSet();
        Columns columns = this.columns;
        if (columns == null || columns.ruleSet() != ruleSet) {
            columns = new Columns(ruleSet, new ConcurrentHashMap<>());
            this.columns = columns;
        }
        return columns.byTable().computeIfAbsent(table, t -> {
            Map<String, String> values = new LinkedHashMap<>();
            for (CsvTable.Row row : ruleSet.table(t).rows()) {
                values.put(row.get(key), row.get(description));
            }
            return Collections.unmodifiableMap(values);
        });
    }

    private record Columns(RuleSet ruleSet, Map<String, Map<String, String>> byTable) {}

    private record Worded(RuleSet ruleSet, Wording wording) {}
}
