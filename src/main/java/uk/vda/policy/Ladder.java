package uk.vda.policy;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order of vetting levels, read from {@code rules/vetting/vetting-levels.csv} once per rule-set version: the
 * national ladder (the levels that count as themselves for information: NONE, BPSS, SC, DV by default), the force
 * ladder (those that count as themselves for force vetting: NONE, NPPV1 … NPPV3) and each ladder level's rank. A
 * level meets every level of its ladder whose rank is lower or equal. Every rule session starts with it, so rules
 * compare levels as {@code $ladder.rank(level) < $ladder.rank($needed)}.
 */
public final class Ladder {
    private final Map<VettingLevel, Integer> ranks;
    private final Set<VettingLevel> national;
    private final Set<VettingLevel> force;

    private Ladder(Map<VettingLevel, Integer> ranks, Set<VettingLevel> national, Set<VettingLevel> force) {
        this.ranks = ranks;
        this.national = national;
        this.force = force;
    }

    /**
     * The ladder the rows of a vetting-levels table (columns level, rank, countsAs, policeEquivalent) describe.
     * Cells that are not a level or a whole number are left out: the table checks report them.
     */
    public static Ladder of(List<Map<String, String>> rows) {
        Map<VettingLevel, Integer> ranks = new EnumMap<>(VettingLevel.class);
        Set<VettingLevel> national = EnumSet.noneOf(VettingLevel.class);
        Set<VettingLevel> force = EnumSet.noneOf(VettingLevel.class);
        for (Map<String, String> row : rows) {
            VettingLevel level = level(row.get("level"));
            if (level == null) {
                continue;
            }
            String rank = row.get("rank") == null ? "" : row.get("rank").strip();
            if (rank.matches("-?\\d{1,9}")) {
                ranks.put(level, Integer.valueOf(rank));
            }
            if (level == level(row.get("countsAs"))) {
                national.add(level);
            }
            if (level == level(row.get("policeEquivalent"))) {
                force.add(level);
            }
        }
        return new Ladder(
                Collections.unmodifiableMap(ranks),
                Collections.unmodifiableSet(national),
                Collections.unmodifiableSet(force));
    }

    /** A level's rank on its ladder; a level on neither ladder has none, and asking for it is an error. */
    public int rank(VettingLevel level) {
        Integer rank = ranks.get(level);
        if (rank == null) {
            throw new IllegalArgumentException(
                    level + " has no rank in the vetting-levels table: only the levels of the "
                            + "national and force ladders are compared");
        }
        return rank;
    }

    /** Whether a level has a rank. */
    public boolean ranked(VettingLevel level) {
        return ranks.containsKey(level);
    }

    /** The levels of the national ladder: those that count as themselves for information. */
    public Set<VettingLevel> national() {
        return national;
    }

    /** The levels of the force ladder: those that count as themselves for force vetting. */
    public Set<VettingLevel> force() {
        return force;
    }

    private static VettingLevel level(String name) {
        if (name == null) {
            return null;
        }
        try {
            return VettingLevel.valueOf(name.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
