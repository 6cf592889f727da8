package uk.vda.catalogue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import uk.vda.engine.CsvTable;
import uk.vda.engine.RuleSet;

/**
 * How a rule set names things in answers: every code (a marking, a vetting level, a role…) by its label, and each
 * acronym spelt out the first time an answer uses it. The words come from the rule set's tables
 * ({@code catalogue/labels.csv}, the role descriptions of {@code needtoknow/need-to-know.csv} and the category
 * descriptions of {@code needtoknow/categories.csv}), so policy staff word them; rules go on writing codes.
 */
public final class Wording {
    public static final String LABELS = "catalogue/labels.csv";
    public static final String SUMMARY = "answers/summary.csv";
    public static final String DECIDING = "answers/deciding-reasons.csv";
    private static final Pattern TOKEN = Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*\\b");
    private static final Pattern ACRONYM = Pattern.compile("\\b[A-Z][A-Z0-9]+\\b");
    /** Wording for a rule set without a labels table: codes stay as they are. */
    static final Wording NONE = new Wording(Map.of(), Map.of(), Map.of(), List.of());

    private final Map<String, String> labels;
    private final Map<String, String> expansions;
    private final Map<String, Opening> openings;
    private final List<Map.Entry<String, Integer>> ranks;

    /** How a summary opens for one outcome, and the next step when no recommendation gives one. */
    private record Opening(String opening, String otherwise) {
    }

    private Wording(Map<String, String> labels, Map<String, String> expansions, Map<String, Opening> openings,
                    List<Map.Entry<String, Integer>> ranks) {
        this.labels = labels;
        this.expansions = expansions;
        this.openings = openings;
        this.ranks = ranks;
    }

    /** How a rule set names things; Vocabulary keeps one per rule set. */
    public static Wording of(RuleSet ruleSet) {
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, String> expansions = new LinkedHashMap<>();
        CsvTable roles = ruleSet.tables().get(Vocabulary.ROLES);
        if (roles != null) {
            roles.rows().forEach(row -> put(labels, row.get("role"), row.get("description")));
        }
        CsvTable categories = ruleSet.tables().get(Vocabulary.CATEGORIES);
        if (categories != null) {
            categories.rows().forEach(row -> put(labels, row.get("category"), row.get("description")));
        }
        CsvTable table = ruleSet.tables().get(LABELS);
        if (table != null) {
            for (CsvTable.Row row : table.rows()) {
                put(labels, row.get("code"), row.get("label"));
                String expansion = row.get("expansion");
                String acronym = acronymOf(row.get("label"));
                if (expansion != null && !expansion.isBlank() && acronym != null) {
                    expansions.putIfAbsent(acronym, expansion.trim());
                }
            }
        }
        Map<String, Opening> openings = new LinkedHashMap<>();
        CsvTable summary = ruleSet.tables().get(SUMMARY);
        if (summary != null) {
            for (CsvTable.Row row : summary.rows()) {
                openings.put(row.get("answer") + ":" + row.get("outcome"),
                        new Opening(blankToEmpty(row.get("opening")), blankToEmpty(row.get("otherwise"))));
            }
        }
        List<Map.Entry<String, Integer>> ranks = new ArrayList<>();
        CsvTable deciding = ruleSet.tables().get(DECIDING);
        if (deciding != null) {
            for (CsvTable.Row row : deciding.rows()) {
                try {
                    ranks.add(Map.entry(row.get("rule").trim(), Integer.parseInt(row.get("rank").trim())));
                } catch (RuntimeException e) {
                    // TableChecks reports the row; an unreadable rank orders nothing
                }
            }
        }
        return new Wording(Map.copyOf(labels), Map.copyOf(expansions), Map.copyOf(openings), List.copyOf(ranks));
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
            boolean matches = pattern.endsWith("*") ? rule.startsWith(pattern.substring(0, pattern.length() - 1)) : rule.equals(pattern);
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
        Set<String> found = new java.util.TreeSet<>();
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
    private record Labelled(String text, int[] at, String[] acronyms) {
    }

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
        Labelled result = new Labelled(labelled, at.stream().mapToInt(Integer::intValue).toArray(), acronyms.toArray(String[]::new));
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
