package uk.vda.system;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One thing wrong with a request: the field (a JSON path such as {@code person.roles[0]}, or a CSV column), a
 * message, the rejected value, the allowed values for fixed lists, and for CSV uploads the spreadsheet row (the
 * header is row 1; a cell with line breaks is still one row). A rejected text is given up to {@value #REJECTED_SHOWN}
 * characters and a message up to {@value #MESSAGE_SHOWN}, with how long it was: a problem never repeats a
 * megabyte a client sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldProblem(String field, String message, Object rejected, List<String> allowed, Integer row) {
    static final int REJECTED_SHOWN = 200;
    static final int MESSAGE_SHOWN = 1_000;

    public FieldProblem {
        if (rejected instanceof String text) {
            rejected = shortened(text, REJECTED_SHOWN);
        }
        message = message == null ? null : shortened(message, MESSAGE_SHOWN);
    }

    private static String shortened(String text, int shown) {
        return text.length() <= shown ? text : text.substring(0, shown) + "… (" + text.length() + " characters)";
    }

    public FieldProblem(String field, String message, Object rejected, List<String> allowed) {
        this(field, message, rejected, allowed, null);
    }
}
