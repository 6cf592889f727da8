package uk.vda.system;

import java.util.List;

/** A request field holds a value the service cannot accept; answered as 400 problem+json naming the field. */
public class InvalidFieldException extends InvalidRequestException {

    public InvalidFieldException(String field, Object rejected, String message, List<String> allowed) {
        super(
                message + " (" + field + ")",
                List.of(new FieldProblem(
                        field, message, rejected, allowed == null ? List.of() : List.copyOf(allowed))));
    }

    public String field() {
        return problems().get(0).field();
    }

    public Object rejected() {
        return problems().get(0).rejected();
    }

    public List<String> allowed() {
        return problems().get(0).allowed();
    }
}
