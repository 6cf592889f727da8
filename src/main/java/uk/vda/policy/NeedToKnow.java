package uk.vda.policy;

/** Derived: one of the person's roles gives a need to know for the document's category. */
public record NeedToKnow(String role, String category) {}
