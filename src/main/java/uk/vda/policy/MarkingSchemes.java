package uk.vda.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which scheme each marking belongs to, read from {@code rules/markings/markings.csv} once per rule-set version: a
 * marking belongs to every scheme it has a row for (SECRET and TOP_SECRET to both by default). Every rule session
 * starts with it, so rules ask {@code $schemes.onlyScheme(marking)}; requests naming a scheme are checked against it.
 */
public final class MarkingSchemes {
    private final Map<Marking, List<Scheme>> schemes;

    private MarkingSchemes(Map<Marking, List<Scheme>> schemes) {
        this.schemes = schemes;
    }

    /** The membership the rows of a markings table (columns scheme, marking) describe; unknown names are left out. */
    public static MarkingSchemes of(List<Map<String, String>> rows) {
        Map<Marking, List<Scheme>> schemes = new EnumMap<>(Marking.class);
        for (Map<String, String> row : rows) {
            Marking marking = value(Marking.class, row.get("marking"));
            Scheme scheme = value(Scheme.class, row.get("scheme"));
            if (marking != null && scheme != null) {
                List<Scheme> of = schemes.computeIfAbsent(marking, m -> new ArrayList<>());
                if (!of.contains(scheme)) {
                    of.add(scheme);
                }
            }
        }
        schemes.replaceAll((m, list) -> List.copyOf(list));
        return new MarkingSchemes(Collections.unmodifiableMap(schemes));
    }

    /** The schemes a marking belongs to, in the table's order; empty when it has no row. */
    public List<Scheme> schemesOf(Marking marking) {
        return schemes.getOrDefault(marking, List.of());
    }

    /** The one scheme a marking belongs to; null for one in both schemes (or in none). */
    public Scheme onlyScheme(Marking marking) {
        List<Scheme> of = schemesOf(marking);
        return of.size() == 1 ? of.get(0) : null;
    }

    public boolean belongsTo(Marking marking, Scheme scheme) {
        return schemesOf(marking).contains(scheme);
    }

    /** The markings of a scheme, in the order of {@link Marking}. */
    public List<Marking> markingsOf(Scheme scheme) {
        return Arrays.stream(Marking.values()).filter(m -> belongsTo(m, scheme)).toList();
    }

    private static <E extends Enum<E>> E value(Class<E> type, String name) {
        if (name == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, name.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
