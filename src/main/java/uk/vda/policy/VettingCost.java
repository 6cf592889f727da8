package uk.vda.policy;

/** Derived from the costs table: what vetting at a level costs per person, and how long it takes. */
public record VettingCost(VettingLevel level, int min, int max, int leadTimeDays, String source) {}
