package uk.vda.policy;

/**
 * How the person gets at the material: which route needs force vetting is policy, in
 * {@code rules/vetting/force-vetting.csv}; what each means, in {@code rules/catalogue/labels.csv}.
 */
public enum AccessRoute {
    SHARED_COPY,
    POLICE_SYSTEMS
}
