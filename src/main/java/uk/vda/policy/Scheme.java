package uk.vda.policy;

/** The two protective marking schemes still met in the field. */
public enum Scheme {
    GPMS("Government Protective Marking Scheme, 1994-2014 (legacy, still on older documents)"),
    GSC("Government Security Classifications, from April 2014 (current)");

    private final String description;

    Scheme(String description) {
        this.description = description;
    }

    public String getDescription() {
        return description;
    }
}
