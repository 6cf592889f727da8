package uk.vda.system;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One thing wrong with a request: the field (a JSON path such as {@code person.roles[0]}, or a CSV column), a
 * message, the rejected value, the allowed values for fixed lists, and for CSV uploads the spreadsheet row (the
 * header is row 1; a cell with line breaks is still one row).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldProblem(String field, String message, Object rejected, List<String> allowed, Integer row) {

    public FieldProblem(String field, String message, Object rejected, List<String> allowed) {
        this(field, message, rejected, allowed, null);
    }
}
