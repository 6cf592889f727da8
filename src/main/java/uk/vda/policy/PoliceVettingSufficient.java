package uk.vda.policy;

/** Derived: the person's counting force vetting meets what the access (or the post) needs. */
public record PoliceVettingSufficient(VettingLevel held, VettingLevel needed) {}
