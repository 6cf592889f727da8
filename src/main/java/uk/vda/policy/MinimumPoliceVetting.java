package uk.vda.policy;

/** Derived: the highest force vetting this access needs, of every requirement the rules found. */
public record MinimumPoliceVetting(VettingLevel level) {}
