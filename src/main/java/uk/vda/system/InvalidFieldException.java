package uk.vda.system;

import java.util.List;

/** A request field holds a value the service cannot accept; answered as 400 problem+json naming the field. */
public class InvalidFieldException extends RuntimeException {
    private final String field;
    private final transient Object rejected;
    private final List<String> allowed;

    public InvalidFieldException(String field, Object rejected, String message, List<String> allowed) {
        super(message);
        this.field = field;
        this.rejected = rejected;
        this.allowed = allowed == null ? List.of() : List.copyOf(allowed);
    }

    public String field() {
        return field;
    }

    public Object rejected() {
        return rejected;
    }

    public List<String> allowed() {
        return allowed;
    }
}
