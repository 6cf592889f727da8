package uk.vda.policy;

/** Derived: a clearance that does not count, and why. */
public record NotCounted(Clearance clearance, String why) {}
