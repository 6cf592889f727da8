package uk.vda.policy;

/** Derived: the highest national level the person's counting clearances amount to. */
public record EffectiveVetting(VettingLevel level) {}
