package uk.vda.policy;

/** Derived: the rules' decision. Absent means DENY (deny by default). */
public record Outcome(Effect decision) {}
