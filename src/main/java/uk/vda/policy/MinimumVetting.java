package uk.vda.policy;

/** Derived: the national vetting this access needs: the highest of the matching requirements. */
public record MinimumVetting(VettingLevel level) {}
