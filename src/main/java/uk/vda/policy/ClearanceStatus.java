package uk.vda.policy;

/** Where a clearance stands. Which statuses count is policy, in {@code rules/vetting/clearances.drl}. */
public enum ClearanceStatus {
    VERIFIED("Confirmed with the vetting authority or sponsor"),
    CLAIMED("The person's own word only"),
    IN_RENEWAL("Review submitted before expiry"),
    EXPIRED("Past its review date"),
    LAPSED("The person left the sponsoring organisation"),
    SUSPENDED("Suspended, for example pending aftercare review");

    private final String description;

    ClearanceStatus(String description) {
        this.description = description;
    }

    public String getDescription() {
        return description;
    }
}
