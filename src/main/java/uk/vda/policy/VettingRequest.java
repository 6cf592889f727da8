package uk.vda.policy;

/** The vetting level an HR team is about to request for a post. */
public record VettingRequest(VettingLevel level) {}
