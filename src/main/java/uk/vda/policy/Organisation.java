package uk.vda.policy;

/**
 * The kind of organisation a person works for. What each means is in {@code rules/catalogue/labels.csv}.
 */
public enum Organisation {
    POLICE,
    LOCAL_AUTHORITY,
    EDUCATION,
    PRISON,
    HEALTH,
    COMMUNITY,
    GOVERNMENT,
    OTHER
}
