package uk.vda.system;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The Bean Validation constraints of a request record ({@code @NotNull}, {@code @Size}, ...) checked where Spring
 * MVC's {@code @Valid} does not reach: each question of a batch, each person of a roster. The same annotations
 * then hold wherever a record arrives, with the same messages as a single request gets.
 */
@Component
public class RequestChecks {
    private final Validator validator;

    public RequestChecks(Validator validator) {
        this.validator = validator;
    }

    /** Every constraint the value breaks, as problems whose field is {@code prefix} + the path within the value. */
    public List<FieldProblem> problems(Object value, String prefix) {
        return validator.validate(value).stream()
                .sorted(Comparator.comparing(
                        (ConstraintViolation<Object> v) -> v.getPropertyPath().toString()))
                .map(v -> {
                    String field = prefix + v.getPropertyPath();
                    return new FieldProblem(
                            field, field + " " + v.getMessage(), rejected(v.getInvalidValue()), List.of());
                })
                .toList();
    }

    /** A list that is too long is named by its size, not repeated whole in the answer. */
    private static Object rejected(Object value) {
        return value instanceof Collection<?> c ? c.size() + " items" : value;
    }
}
