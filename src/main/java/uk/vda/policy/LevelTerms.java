package uk.vda.policy;

/**
 * A row of the vetting-levels table for one level: what a clearance at that level counts as for national
 * material, what it counts as for police force vetting, how many years it is valid (0: no fixed expiry), and its
 * kind (NATIONAL, PROXIMITY, POLICE_STAFF, DESIGNATED_POST or FORCE). The table's rules insert one for every level
 * when a session starts, so a rule joins a clearance to its terms by level.
 */
public record LevelTerms(
        VettingLevel level, VettingLevel countsAs, VettingLevel policeEquivalent, int validityYears, String kind) {}
