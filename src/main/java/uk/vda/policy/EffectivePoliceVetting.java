package uk.vda.policy;

/** Derived: the highest police force vetting level the person's counting clearances amount to. */
public record EffectivePoliceVetting(VettingLevel level) {}
