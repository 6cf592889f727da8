package uk.vda.policy;

/** Derived: the access route the rules use, and whether it was assumed because the request did not say. */
public record AccessVia(AccessRoute value, boolean assumed) {}
