package uk.vda.catalogue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.vda.engine.CsvTable;
import uk.vda.engine.RuleSet;
import uk.vda.engine.Tables;
import uk.vda.policy.AccessRoute;
import uk.vda.policy.ClearanceStatus;
import uk.vda.policy.Frequency;
import uk.vda.policy.Marking;
import uk.vda.policy.Organisation;
import uk.vda.policy.Owner;
import uk.vda.policy.Scheme;
import uk.vda.policy.VerdictValue;
import uk.vda.policy.VettingLevel;

/**
 * How a rule set names things in answers: every code (a marking, a vetting level, a role…) by its label, and each
 * acronym spelt out the first time an answer uses it. The words come from the rule set's tables
 * ({@code catalogue/labels.csv}, the role descriptions of {@code needtoknow/need-to-know.csv} and the category
 * descriptions of {@code needtoknow/categories.csv}), so policy staff word them; rules go on writing codes. So do
 * what each value the API accepts means (the labels' descriptions) and how verdicts rank
 * ({@code answers/verdicts.csv}).
 */
public final class Wording {
    /**
     * Each kind of code the labels table names, with the values of the fact model every one of which needs a label
     * and a description there.
     */
    public static final Map<String, Class<? extends Enum<?>>> KINDS = kinds();

    private static final Pattern TOKEN = Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*\\b");
    private static final Pattern ACRONYM = Pattern.compile("\\b[A-Z][A-Z0-9]+\\b");
    /** Wording for a rule set without a labels table: codes stay as they are. */
    static final Wording NONE = new Wording(Map.of(), Map.of(), Map.of(), List.of(), Map.of(), Map.of(), Set.of());

    private final Map<String, String> labels;
    private final Map<String, String> expansions;
    private final Map<String, Opening> openings;
    private final List<Map.Entry<String, Integer>> ranks;
    private final Map<String, String> descriptions;
    private final Map<VerdictValue, Integer> verdictRanks;
    private final Set<VerdictValue> requestVetting;

    /** How a summary opens for one outcome, and the next step when no recommendation gives one. */
    private record Opening(String opening, String otherwise) {}

    private Wording(
            Map<String, String> labels,
            Map<String, String> expansions,
            Map<String, Opening> openings,
            List<Map.Entry<String, Integer>> ranks,
            Map<String, String> descriptions,
            Map<VerdictValue, Integer> verdictRanks,
            Set<VerdictValue> requestVetting) {
        this.labels = labels;
        this.expansions = expansions;
        this.openings = openings;
        this.ranks = ranks;
        this.descriptions = descriptions;
        this.verdictRanks = verdictRanks;
        this.requestVetting = requestVetting;
    }

    private static Map<String, Class<? extends Enum<?>>> kinds() {
        Map<String, Class<? extends Enum<?>>> kinds = new LinkedHashMap<>();
        kinds.put("MARKING", Marking.class);
        kinds.put("VETTING_LEVEL", VettingLevel.class);
        kinds.put("FREQUENCY", Frequency.class);
        kinds.put("STATUS", ClearanceStatus.class);
        kinds.put("VERDICT", VerdictValue.class);
        kinds.put("OWNER", Owner.class);
        kinds.put("ORGANISATION", Organisation.class);
        kinds.put("SCHEME", Scheme.class);
        kinds.put("ACCESS_ROUTE", AccessRoute.class);
        return Collections.unmodifiableMap(kinds);
    }

    /** How a rule set names things; Vocabulary keeps one per rule set. */
    public static Wording of(RuleSet ruleSet) {
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, String> expansions = new LinkedHashMap<>();
        Map<String, String> descriptions = new LinkedHashMap<>();
        CsvTable roles = ruleSet.findTable(Tables.ROLES);
        if (roles != null) {
            roles.rows().forEach(row -> put(labels, row.get("role"), row.get("description")));
        }
        CsvTable categories = ruleSet.findTable(Tables.CATEGORIES);
        if (categories != null) {
            categories.rows().forEach(row -> put(labels, row.get("category"), row.get("description")));
        }
        CsvTable table = ruleSet.findTable(Tables.LABELS);
        if (table != null) {
            for (CsvTable.Row row : table.rows()) {
                put(labels, row.get("code"), row.get("label"));
                put(descriptions, row.get("kind") + ":" + row.get("code"), row.get("description"));
                String expansion = row.get("expansion");
                String acronym = acronymOf(row.get("label"));
                if (expansion != null && !expansion.isBlank() && acronym != null) {
                    expansions.putIfAbsent(acronym, expansion.trim());
                }
            }
        }
        Map<String, Opening> openings = new LinkedHashMap<>();
        CsvTable summary = ruleSet.findTable(Tables.SUMMARY);
        if (summary != null) {
            for (CsvTable.Row row : summary.rows()) {
                openings.put(
                        row.get("answer") + ":" + row.get("outcome"),
                        new Opening(blankToEmpty(row.get("opening")), blankToEmpty(row.get("otherwise"))));
            }
        }
        List<Map.Entry<String, Integer>> ranks = new ArrayList<>();
        CsvTable deciding = ruleSet.findTable(Tables.DECIDING);
        if (deciding != null) {
            for (CsvTable.Row row : deciding.rows()) {
                try {
                    ranks.add(Map.entry(
                            row.get("rule").trim(),
                            Integer.parseInt(row.get("rank").trim())));
                } catch (RuntimeException e) {
                    // TableChecks reports the row; an unreadable rank orders nothing
                }
            }
        }
        Map<VerdictValue, Integer> verdictRanks = new EnumMap<>(VerdictValue.class);
        Set<VerdictValue> requestVetting = EnumSet.noneOf(VerdictValue.class);
        CsvTable verdicts = ruleSet.findTable(Tables.VERDICTS);
        if (verdicts != null) {
            for (CsvTable.Row row : verdicts.rows()) {
                try {
                    VerdictValue verdict =
                            VerdictValue.valueOf(row.get("verdict").trim());
                    verdictRanks.put(verdict, Integer.parseInt(row.get("rank").trim()));
                    if ("YES".equals(row.get("requestVetting").trim())) {
                        requestVetting.add(verdict);
                    }
                } catch (RuntimeException e) {
                    // TableChecks reports the row; a verdict without a rank comes after every ranked one
                }
            }
        }
        return new Wording(
                Map.copyOf(labels),
                Map.copyOf(expansions),
                Map.copyOf(openings),
                List.copyOf(ranks),
                Map.copyOf(descriptions),
                Collections.unmodifiableMap(verdictRanks),
                Collections.unmodifiableSet(requestVetting));
    }

    /** What a value of a kind of the labels table means (its description there); null when it has none. */
    public String description(String kind, String code) {
        return descriptions.get(kind + ":" + code);
    }

    /** What a value of the fact model means, from the labels table's row of its kind; null when it has none. */
    public String description(Enum<?> value) {
        for (Map.Entry<String, Class<? extends Enum<?>>> kind : KINDS.entrySet()) {
            if (kind.getValue() == value.getDeclaringClass()) {
                return description(kind.getKey(), value.name());
            }
        }
        return null;
    }

    /**
     * Where a verdict stands when rules give several (answers/verdicts.csv): lower is given first; a verdict the
     * table does not rank comes after every ranked one.
     */
    public int verdictRank(VerdictValue verdict) {
        return verdictRanks.getOrDefault(verdict, Integer.MAX_VALUE);
    }

    /** Whether a verdict means vetting must be requested (answers/verdicts.csv, requestVetting). */
    public boolean requestsVetting(VerdictValue verdict) {
        return verdict != null && requestVetting.contains(verdict);
    }

    private static String blankToEmpty(String s) {
        return s == null ? "" : s.trim();
    }

    /**
     * Where a refusal by this rule stands among refusals (answers/deciding-reasons.csv): lower first; rules the
     * table does not list come after every listed one.
     */
    public int rank(String rule) {
        for (Map.Entry<String, Integer> entry : ranks) {
            String pattern = entry.getKey();
            boolean matches = pattern.endsWith("*")
                    ? rule.startsWith(pattern.substring(0, pattern.length() - 1))
                    : rule.equals(pattern);
            if (matches) {
                return entry.getValue();
            }
        }
        return Integer.MAX_VALUE;
    }

    /**
     * The one sentence an answer starts with, in codes (say it through {@link Answer#say} like the rest): the
     * opening for the outcome (answers/summary.csv), the deciding reason's first sentence, and the next step (the
     * first recommendation, or else the table's otherwise).
     */
    public String summary(String answer, String outcome, String reason, String nextStep) {
        Opening opening = openings.getOrDefault(answer + ":" + outcome, openings.get(answer + ":ANY"));
        StringBuilder sentence = new StringBuilder();
        if (opening != null && !opening.opening().isEmpty()) {
            sentence.append(opening.opening()).append(' ');
        }
        String because = firstSentence(reason);
        sentence.append(sentence.isEmpty() ? because : lowerFirst(because));
        String next = nextStep != null && !nextStep.isBlank() ? nextStep : opening == null ? "" : opening.otherwise();
        if (!next.isBlank()) {
            sentence.append("; ").append(lowerFirst(withoutStop(next.trim())));
        }
        return sentence.append('.').toString();
    }

    private static String firstSentence(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String t = text.trim();
        int end = t.indexOf(". ");
        return withoutStop(end < 0 ? t : t.substring(0, end));
    }

    private static String withoutStop(String text) {
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    /** "The vetting…" becomes "the vetting…"; "SC was…" stays as it is. */
    private static String lowerFirst(String text) {
        if (text.length() > 1 && Character.isUpperCase(text.charAt(0)) && Character.isLowerCase(text.charAt(1))) {
            return Character.toLowerCase(text.charAt(0)) + text.substring(1);
        }
        return text;
    }

    private static void put(Map<String, String> labels, String code, String label) {
        if (code != null && !code.isBlank() && label != null && !label.isBlank()) {
            labels.put(code.trim(), label.trim());
        }
    }

    /** The acronym a label stands on: its first word in capitals (SC, NPPV2, CTLP), or null. */
    public static String acronymOf(String label) {
        if (label == null) {
            return null;
        }
        Matcher m = ACRONYM.matcher(label);
        return m.find() ? m.group() : null;
    }

    /** Code → label, for the catalogue and the checks. */
    public Map<String, String> labels() {
        return labels;
    }

    /** A code of the catalogue that an answer must not show: one whose label differs from it. */
    public boolean isHiddenCode(String token) {
        String label = labels.get(token);
        return label != null && !label.equals(token);
    }

    /** The codes in a text that should have been labelled. */
    public Set<String> codesIn(String text) {
        Set<String> found = new TreeSet<>();
        if (text != null) {
            Matcher m = TOKEN.matcher(text);
            while (m.find()) {
                if (isHiddenCode(m.group())) {
                    found.add(m.group());
                }
            }
        }
        return found;
    }

    /** Starts one answer: acronyms are spelt out once per answer, in the order its texts are put. */
    public Answer answer() {
        return new Answer();
    }

    /**
     * A text with its codes labelled, and where in it the acronyms that have an expansion stand: the same texts
     * recur in answer after answer (table rows, rule messages), so each is worked out once per rule set.
     */
    private record Labelled(String text, int[] at, String[] acronyms) {}

    /** Texts already labelled; bounded, so answers full of one-off values (ids, dates) cannot grow it for ever. */
    private final Map<String, Labelled> seen = new ConcurrentHashMap<>();

    private static final int SEEN_MAX = 20_000;

    private Labelled labelled(String text) {
        Labelled known = seen.get(text);
        if (known != null) {
            return known;
        }
        String labelled = label(text);
        List<Integer> at = new ArrayList<>();
        List<String> acronyms = new ArrayList<>();
        Matcher m = ACRONYM.matcher(labelled);
        while (m.find()) {
            if (expansions.containsKey(m.group())) {
                at.add(m.start());
                acronyms.add(m.group());
            }
        }
        Labelled result = new Labelled(
                labelled, at.stream().mapToInt(Integer::intValue).toArray(), acronyms.toArray(String[]::new));
        if (seen.size() < SEEN_MAX) {
            seen.put(text, result);
        }
        return result;
    }

    private String label(String text) {
        Matcher m = TOKEN.matcher(text);
        StringBuilder out = new StringBuilder();
        Set<String> used = new HashSet<>();
        while (m.find()) {
            String label = labels.get(m.group());
            if (label != null) {
                used.add(label);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(label == null ? m.group() : label));
        }
        m.appendTail(out);
        String labelled = out.toString();
        // "Local authority chief executive (LA_CHIEF_EXECUTIVE)" gave the code beside the label: once is enough
        for (String label : used) {
            labelled = labelled.replace(label + " (" + label + ")", label);
        }
        return labelled;
    }

    /** The wording of one answer; not thread-safe, one per answer. */
    public final class Answer {
        private final Set<String> spelt = new HashSet<>();

        /** The text with codes replaced by labels and acronyms spelt out where first used. */
        public String say(String text) {
            if (text == null || text.isEmpty() || (labels.isEmpty() && expansions.isEmpty())) {
                return text;
            }
            Labelled labelled = labelled(text);
            return labelled.at().length == 0 ? labelled.text() : spell(labelled);
        }

        private String spell(Labelled labelled) {
            String text = labelled.text();
            StringBuilder out = null;
            int last = 0;
            for (int i = 0; i < labelled.at().length; i++) {
                String acronym = labelled.acronyms()[i];
                String expansion = expansions.get(acronym);
                if (!spelt.add(expansion)) {
                    continue;
                }
                if (out == null) {
                    out = new StringBuilder(text.length() + 64);
                }
                int end = labelled.at()[i] + acronym.length();
                out.append(text, last, end);
                last = end;
                int start = labelled.at()[i];
                if (start > 0 && text.charAt(start - 1) == '(' && text.startsWith(")", end)) {
                    // "(BPSS)" becomes "(BPSS: Baseline Personnel Security Standard)", not brackets in brackets
                    out.append(": ").append(expansion);
                } else if (text.startsWith(" (", end)) {
                    // "NPPV2 (abbreviated)" becomes "NPPV2 (non-police personnel vetting level 2, abbreviated)";
                    // "CTC (Counter Terrorist Check)" is already spelt out.
                    if (!text.regionMatches(true, end + 2, expansion, 0, expansion.length())) {
                        out.append(" (").append(expansion).append(", ");
                        last += 2;
                    }
                } else {
                    out.append(" (").append(expansion).append(")");
                }
            }
            if (out == null) {
                return text;
            }
            return out.append(text, last, text.length()).toString();
        }
    }
}
