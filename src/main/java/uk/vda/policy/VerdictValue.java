package uk.vda.policy;

/**
 * The verdicts on a vetting request. Which one is given when rules give several, and which mean vetting must be
 * requested, are policy, in {@code rules/answers/verdicts.csv}; what each means, in {@code rules/catalogue/labels.csv}.
 */
public enum VerdictValue {
    UNNECESSARY,
    NECESSARY,
    INSUFFICIENT,
    ALREADY_HELD,
    TRANSFER,
    OUT_OF_SCOPE
}
