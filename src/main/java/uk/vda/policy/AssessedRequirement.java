package uk.vda.policy;

/** Derived: the national vetting a post needs: the highest of its profile lines. */
public record AssessedRequirement(VettingLevel level) {}
