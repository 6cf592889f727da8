package uk.vda.policy;

/**
 * The originator's regime: it decides which vetting counts (the rules). What each means is in
 * {@code rules/catalogue/labels.csv}.
 */
public enum Owner {
    POLICE,
    NATIONAL_SECURITY
}
