package uk.vda.policy;

/** Derived: the person holds more vetting than the post needs. */
public record OverVetted(VettingLevel held, VettingLevel needed) {}
