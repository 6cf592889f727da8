package uk.vda.policy;

/** Something cheaper or safer to do than what was asked: a transfer, a lower-marked version. */
public record Recommendation(String rule, String text) {}
