package uk.vda.policy;

/** Derived: the frequency the rules use, and whether it was assumed because the request did not say. */
public record AccessFrequency(Frequency value, boolean assumed) {}
