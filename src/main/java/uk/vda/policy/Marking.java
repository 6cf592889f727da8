package uk.vda.policy;

/**
 * A protective marking of either scheme: a name the rules and tables use. Which scheme each belongs to and how it
 * is read today are policy, in {@code rules/markings/markings.csv} ({@link MarkingSchemes}); what it means, in
 * {@code rules/catalogue/labels.csv}.
 */
public enum Marking {
    NOT_PROTECTIVELY_MARKED,
    UNCLASSIFIED,
    PROTECT,
    RESTRICTED,
    CONFIDENTIAL,
    SECRET,
    TOP_SECRET,
    OFFICIAL,
    OFFICIAL_SENSITIVE
}
