package uk.vda.policy;

/** The verdicts on a vetting request. */
public enum VerdictValue {
    UNNECESSARY("The level requested is above what the post needs"),
    NECESSARY("The level requested is what the post needs, and it is not already held"),
    INSUFFICIENT("The level requested is below what the post needs"),
    ALREADY_HELD("A clearance that counts already covers what the post needs"),
    TRANSFER("A clearance that lapsed recently covers what is needed: transfer it instead of vetting again"),
    OUT_OF_SCOPE("The advisor cannot decide this request (e.g. MV follows the force's designated-post list)");

    private final String description;

    VerdictValue(String description) {
        this.description = description;
    }

    public String getDescription() {
        return description;
    }
}
