package uk.vda.policy;

/** Derived: the police force vetting a post needs on top: the highest of its profile lines. */
public record AssessedPoliceRequirement(VettingLevel level) {}
