package uk.vda.policy;

/**
 * Derived from the vetting-levels table for one clearance: what it counts as for national material, what it
 * counts as for police force vetting, how many years it is valid (0: no fixed expiry), and its kind (NATIONAL,
 * PROXIMITY, POLICE_STAFF, DESIGNATED_POST or FORCE).
 */
public record LevelTerms(
        Clearance clearance, VettingLevel countsAs, VettingLevel policeEquivalent, int validityYears, String kind) {}
