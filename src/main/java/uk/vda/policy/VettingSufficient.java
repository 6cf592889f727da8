package uk.vda.policy;

/** Derived: the person's counting national vetting meets what the access (or the post) needs. */
public record VettingSufficient(VettingLevel held, VettingLevel needed) {}
