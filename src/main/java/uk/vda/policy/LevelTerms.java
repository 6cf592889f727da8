package uk.vda.policy;

/**
 * Derived from the vetting-levels table for one clearance: what it counts as for national material, what it
 * counts as for police force vetting, and how many years it is valid (0: no fixed expiry).
 */
public record LevelTerms(Clearance clearance, VettingLevel countsAs, VettingLevel policeEquivalent,
                         int validityYears) {
}
