package uk.vda.policy;

/** The originator's regime: it decides which vetting counts. */
public enum Owner {
    POLICE("Police-originated material: force vetting rules apply"),
    NATIONAL_SECURITY("National security material: national vetting rules apply");

    private final String description;

    Owner(String description) {
        this.description = description;
    }

    public String getDescription() {
        return description;
    }
}
