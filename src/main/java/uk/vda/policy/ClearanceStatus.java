package uk.vda.policy;

/**
 * Where a clearance stands. Which statuses count is policy, in {@code rules/vetting/clearances.drl}; what each
 * means, in {@code rules/catalogue/labels.csv}.
 */
public enum ClearanceStatus {
    VERIFIED,
    CLAIMED,
    IN_RENEWAL,
    EXPIRED,
    LAPSED,
    SUSPENDED
}
