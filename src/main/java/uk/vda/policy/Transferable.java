package uk.vda.policy;

/** Derived: a lapsed clearance that may still be transferred, and the national level it would count as. */
public record Transferable(Clearance clearance, VettingLevel countsAs) {}
