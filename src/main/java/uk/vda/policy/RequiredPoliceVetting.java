package uk.vda.policy;

/** Derived: the police force vetting this access needs on top of national vetting. */
public record RequiredPoliceVetting(VettingLevel level, String rule) {}
