package uk.vda.policy;

/**
 * The two protective marking schemes still met in the field. Which markings belong to which is policy, in
 * {@code rules/markings/markings.csv}; what each is, in {@code rules/catalogue/labels.csv}.
 */
public enum Scheme {
    GPMS,
    GSC
}
