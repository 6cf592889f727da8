package uk.vda.policy;

/** Why the answer is what it is: the rule's stable name, its effect, a plain-English message, its source. */
public record Reason(String rule, Effect effect, String message, String source) {}
