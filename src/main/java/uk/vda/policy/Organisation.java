package uk.vda.policy;

/** The kind of organisation a person works for. */
public enum Organisation {
    POLICE("A police force or police staff"),
    LOCAL_AUTHORITY("A local authority"),
    EDUCATION("A school, college or university"),
    PRISON("The prison or probation service"),
    HEALTH("An NHS or other health body"),
    COMMUNITY("A community or voluntary organisation"),
    GOVERNMENT("A government department or agency"),
    OTHER("Any other organisation");

    private final String description;

    Organisation(String description) {
        this.description = description;
    }

    public String getDescription() {
        return description;
    }
}
