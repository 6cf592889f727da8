package uk.vda.policy;

/** What a reason does to the answer. Any DENY beats every PERMIT; a NOTE explains without deciding. */
public enum Effect {
    PERMIT,
    DENY,
    NOTE
}
