package uk.vda.policy;

/** Derived: a clearance that counts today, with what it counts as nationally and for force vetting. */
public record CountingClearance(Clearance clearance, VettingLevel countsAs, VettingLevel policeEquivalent) {}
