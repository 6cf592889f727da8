package uk.vda.policy;

/**
 * How often the person handles the material. What each means is in {@code rules/catalogue/labels.csv}.
 */
public enum Frequency {
    OCCASIONAL,
    REGULAR
}
