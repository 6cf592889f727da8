package uk.vda.ruleset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import uk.vda.engine.CsvTable;
import uk.vda.engine.RuleSet;
import uk.vda.engine.Tables;

/**
 * The rules of consistency of {@code rules/consistency/contradictions.csv}, applied to one answer (as its JSON):
 * each row names two sides an answer must not match together. The grammar of a side is in the table's header
 * comment, so policy staff add a rule of consistency without Java. The scenario runner applies it to every
 * scenario's answer (shown as warnings by {@code rules test} and the rules page); the build's EveryAnswerTest
 * applies it to every scenario and example and fails on any contradiction.
 */
final class Contradictions {
    /** For a rule set without the table: finds nothing. */
    static final Contradictions NONE = new Contradictions(List.of());

    /** Strings that are not said to the reader: names, sources, fields, ids. */
    private static final Set<String> NOT_SAID =
            Set.of("rule", "source", "field", "decisionId", "assessmentId", "rosterId", "version", "id", "personId");

    record Row(String file, int line, String id, String one, String other, String explanation) {}

    /** One contradiction found in an answer. */
    record Found(Row row, List<String> one, List<String> other) {
        @Override
        public String toString() {
            return row.id() + " (" + row.file() + " line " + row.line() + "): " + one + " beside " + other + ". "
                    + row.explanation();
        }
    }

    private final List<Row> rows;

    Contradictions(CsvTable table) {
        this(table.rows().stream()
                .map(row -> new Row(
                        table.path(),
                        row.line(),
                        row.get("id"),
                        row.get("one"),
                        row.get("other"),
                        row.get("explanation")))
                .toList());
    }

    private Contradictions(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    /** The rules of consistency of a rule set; none when it has no table. */
    static Contradictions of(RuleSet ruleSet) {
        CsvTable table = ruleSet.findTable(Tables.CONTRADICTIONS);
        return table == null ? NONE : new Contradictions(table);
    }

    List<Row> rows() {
        return rows;
    }

    /** Every row both of whose sides the answer matches; a row that cannot be read is found with why. */
    List<Found> in(JsonNode answer) {
        List<String> texts = new ArrayList<>();
        collectTexts(answer, null, texts);
        List<Found> found = new ArrayList<>();
        for (Row row : rows) {
            try {
                List<String> one = side(row.one(), answer, texts);
                if (one == null) {
                    continue;
                }
                List<String> other = side(row.other(), answer, texts);
                if (other != null) {
                    found.add(new Found(row, one, other));
                }
            } catch (RuntimeException e) {
                found.add(new Found(row, List.of("the row cannot be read: " + e.getMessage()), List.of()));
            }
        }
        return found;
    }

    /** What matched each condition of a side, or null when a condition does not hold. */
    private static List<String> side(String side, JsonNode answer, List<String> texts) {
        List<String> matched = new ArrayList<>();
        for (String raw : side.split(" & ")) {
            String condition = raw.trim();
            boolean negated = condition.startsWith("!");
            String positive = negated ? condition.substring(1) : condition;
            String evidence = holds(positive, answer, texts);
            if (negated == (evidence != null)) {
                return null;
            }
            matched.add(negated ? "no " + positive : evidence);
        }
        return matched;
    }

    /** The text or value that makes a condition hold, or null. */
    static String holds(String condition, JsonNode answer, List<String> texts) {
        int colon = condition.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + condition + "' has no kind (text:, reason:, deny:, field:)");
        }
        String kind = condition.substring(0, colon);
        String argument = condition.substring(colon + 1);
        switch (kind) {
            case "text" -> {
                Pattern pattern = Pattern.compile(argument);
                return texts.stream()
                        .filter(t -> pattern.matcher(t).find())
                        .findFirst()
                        .map(t -> "\"" + t + "\"")
                        .orElse(null);
            }
            case "reason", "deny" -> {
                for (JsonNode reason : each(answer, "reasons[*]")) {
                    String rule = reason.path("rule").asString("");
                    boolean named = argument.endsWith("*")
                            ? rule.startsWith(argument.substring(0, argument.length() - 1))
                            : rule.equals(argument);
                    if (named
                            && (kind.equals("reason")
                                    || "DENY".equals(reason.path("effect").asString("")))) {
                        return kind + " " + rule + ": \""
                                + reason.path("message").asString("") + "\"";
                    }
                }
                return null;
            }
            case "field" -> {
                int equals = argument.indexOf('=');
                String path = argument.substring(0, equals);
                String value = argument.substring(equals + 1);
                for (JsonNode node : each(answer, path)) {
                    if (!node.isNull() && !node.isMissingNode() && value.equals(node.asString())) {
                        return path + "=" + value;
                    }
                }
                return null;
            }
            default -> throw new IllegalArgumentException("'" + condition + "': unknown kind " + kind);
        }
    }

    /** The nodes at a path such as {@code alternatives[*].decision} or {@code marking.treatedAs}. */
    private static List<JsonNode> each(JsonNode root, String path) {
        List<JsonNode> nodes = List.of(root);
        for (String step : path.split("\\.")) {
            boolean all = step.endsWith("[*]");
            String name = all ? step.substring(0, step.length() - 3) : step;
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : nodes) {
                JsonNode child = node.path(name);
                if (all) {
                    child.forEach(next::add);
                } else if (!child.isMissingNode()) {
                    next.add(child);
                }
            }
            nodes = next;
        }
        return nodes;
    }

    /** Every string the answer says to its reader. */
    static void collectTexts(JsonNode node, String key, List<String> texts) {
        if (node.isString()) {
            if (key == null || !NOT_SAID.contains(key)) {
                texts.add(node.asString());
            }
        } else if (node.isArray()) {
            node.forEach(element -> collectTexts(element, key, texts));
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                collectTexts(field.getValue(), field.getKey(), texts);
            }
        }
    }
}
