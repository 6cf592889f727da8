package uk.vda.policy;

/** Derived: one table row's national vetting requirement for this access. */
public record RequiredVetting(VettingLevel level, String rule) {}
