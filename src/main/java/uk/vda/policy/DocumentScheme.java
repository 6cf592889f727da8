package uk.vda.policy;

/** Derived: the scheme a document's marking is read under, and whether it was inferred because the request did not say. */
public record DocumentScheme(Scheme value, boolean inferred) {}
