package uk.vda.policy;

/** How often the person handles the material. */
public enum Frequency {
    OCCASIONAL("One-off or supervised access: a briefing, a single document"),
    REGULAR("Frequent or unsupervised access, or custody of the material");

    private final String description;

    Frequency(String description) {
        this.description = description;
    }

    public String getDescription() {
        return description;
    }
}
