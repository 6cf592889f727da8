package uk.vda.security;

import java.util.Arrays;
import java.util.Optional;

/** What an API key may do. */
public enum Scope {
    DECIDE("decide", "Ask disclosure questions"),
    ASSESS("assess", "Ask vetting assessments, one post or a roster"),
    RULES_READ("rules:read", "Read rule sets and their history"),
    RULES_WRITE("rules:write", "Upload, test, publish and roll back rule sets: tables and scenarios"),
    RULES_CODE(
            "rules:code",
            "Change rule code (.drl rule files and .drt table templates) in an uploaded rule set; "
                    + "held by administrators, with rules:write"),
    AUDIT_READ("audit:read", "Search and read the decision log"),
    METRICS_READ("metrics:read", "Scrape the service's metrics at /actuator/prometheus"),
    ADMIN("admin", "Create, list and revoke API keys");

    private final String value;
    private final String description;

    Scope(String value, String description) {
        this.value = value;
        this.description = description;
    }

    public String value() {
        return value;
    }

    public String description() {
        return description;
    }

    /** The Spring Security authority for this scope. */
    public String authority() {
        return "SCOPE_" + value;
    }

    public static Optional<Scope> of(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }
}
