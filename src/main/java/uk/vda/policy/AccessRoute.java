package uk.vda.policy;

/** How the person gets at the material: which route needs force vetting is policy, in {@code rules/vetting/force-vetting.csv}. */
public enum AccessRoute {
    SHARED_COPY("A copy shared with the person, e.g. under an information-sharing agreement"),
    POLICE_SYSTEMS("Access to police systems or unescorted access to police premises");

    private final String description;

    AccessRoute(String description) {
        this.description = description;
    }

    public String getDescription() {
        return description;
    }
}
