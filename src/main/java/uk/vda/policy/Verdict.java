package uk.vda.policy;

/** Derived: what the rules make of a vetting request. */
public record Verdict(VerdictValue value) {}
