package uk.vda.policy;

/** Derived: the person's counting vetting meets what the access needs. */
public record VettingSufficient(VettingLevel held, VettingLevel needed) {
}
