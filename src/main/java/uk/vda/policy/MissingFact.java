package uk.vda.policy;

/** A fact the rules needed and the request did not give; the rules never guess it in the person's favour. */
public record MissingFact(String field, String message) {}
