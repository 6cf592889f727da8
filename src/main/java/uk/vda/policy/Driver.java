package uk.vda.policy;

/** Derived: a profile line that sets the post's requirement. */
public record Driver(int index) {}
