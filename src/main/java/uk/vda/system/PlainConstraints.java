package uk.vda.system;

import jakarta.validation.GroupSequence;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.validation.groups.Default;
import jakarta.validation.metadata.BeanDescriptor;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.ContainerElementTypeDescriptor;
import jakarta.validation.metadata.PropertyDescriptor;
import jakarta.validation.metadata.ValidateUnwrappedValue;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Whether a request record certainly breaks none of its Bean Validation constraints, worked out without the
 * validator's machinery: the question every valid request asks, and on a single decision Hibernate Validator's
 * answer to it cost about a tenth of the request's own CPU (docs/decisions/0023). Only a request that passes here
 * skips the validator; any other is validated as before, so every 400 is the validator's own, word for word.
 *
 * <p>The checks are read from the validator's metadata, not listed here: a record whose constraints are all
 * {@code @NotNull}, {@code @NotBlank}, {@code @Size} and {@code @Valid} (on a property or a list's elements), in
 * the default group, is checked here; a record with any other constraint, a class-level one, a group sequence or
 * a cascade into anything but another such record always goes to the validator. So an annotation added to a
 * request record holds at once, whether or not this class knows it.
 */
final class PlainConstraints {
    /** Per class: its check, or {@link #UNKNOWN} when only the validator can say. */
    private final ClassValue<Predicate<Object>> checks;

    private static final Predicate<Object> UNKNOWN = value -> false;

    PlainConstraints(Validator validator) {
        this.checks = new ClassValue<>() {
            @Override
            protected Predicate<Object> computeValue(Class<?> type) {
                return checkOf(validator, type);
            }
        };
    }

    /** True only when the validator would find no violation in {@code value} (default group). */
    boolean allHold(Object value) {
        return value != null && checks.get(value.getClass()).test(value);
    }

    /** Whether values of this class are checked here at all (false: every one goes to the validator). */
    boolean knows(Class<?> type) {
        return checks.get(type) != UNKNOWN;
    }

    private Predicate<Object> checkOf(Validator validator, Class<?> type) {
        if (!type.isRecord()
                || type.isAnnotationPresent(GroupSequence.class)
                || hasAnnotationNamed(type, "org.hibernate.validator.group.GroupSequenceProvider")) {
            return UNKNOWN;
        }
        BeanDescriptor bean = validator.getConstraintsForClass(type);
        if (!bean.getConstraintDescriptors().isEmpty()) {
            return UNKNOWN;
        }
        List<Predicate<Object>> properties = new ArrayList<>();
        for (PropertyDescriptor property : bean.getConstrainedProperties()) {
            MethodHandle accessor = accessor(type, property.getPropertyName());
            if (accessor == null) {
                return UNKNOWN;
            }
            Predicate<Object> valueCheck = valueCheck(property.getConstraintDescriptors(), property.isCascaded());
            Predicate<Object> elementCheck = elementCheck(property.getConstrainedContainerElementTypes());
            if (valueCheck == null || elementCheck == null) {
                return UNKNOWN;
            }
            properties.add(owner -> {
                Object value = read(accessor, owner);
                return valueCheck.test(value) && elementCheck.test(value);
            });
        }
        Predicate<Object>[] all = properties.toArray(Predicate[]::new);
        return owner -> {
            for (Predicate<Object> check : all) {
                if (!check.test(owner)) {
                    return false;
                }
            }
            return true;
        };
    }

    /** The property's own constraints, and its cascade; null when one of them is not plain. */
    private Predicate<Object> valueCheck(Set<ConstraintDescriptor<?>> constraints, boolean cascaded) {
        List<Predicate<Object>> checks = new ArrayList<>();
        for (ConstraintDescriptor<?> constraint : constraints) {
            Predicate<Object> check = constraintCheck(constraint);
            if (check == null) {
                return null;
            }
            checks.add(check);
        }
        if (cascaded) {
            // into another record only; a cascade into a container (legacy @Valid on a list) goes to the validator
            checks.add(value -> value == null || allHold(value));
        }
        return and(checks);
    }

    /** Constraints on a list's elements ({@code List<@NotNull @Valid X>}); null when not plain. */
    private Predicate<Object> elementCheck(Set<ContainerElementTypeDescriptor> containers) {
        if (containers.isEmpty()) {
            return value -> true;
        }
        if (containers.size() != 1) {
            return null;
        }
        ContainerElementTypeDescriptor elements = containers.iterator().next();
        if (elements.getContainerClass() != List.class
                || elements.getTypeArgumentIndex() == null
                || elements.getTypeArgumentIndex() != 0
                || !elements.getConstrainedContainerElementTypes().isEmpty()) {
            return null;
        }
        Predicate<Object> each = valueCheck(elements.getConstraintDescriptors(), elements.isCascaded());
        if (each == null) {
            return null;
        }
        return value -> {
            if (value == null) {
                return true;
            }
            if (!(value instanceof List<?> list)) {
                return false;
            }
            for (Object element : list) {
                if (!each.test(element)) {
                    return false;
                }
            }
            return true;
        };
    }

    /** One constraint as a check, or null when it is not one of the plain ones in the default group. */
    private static Predicate<Object> constraintCheck(ConstraintDescriptor<?> constraint) {
        if (!constraint.getGroups().equals(Set.of(Default.class))
                || !constraint.getComposingConstraints().isEmpty()
                || constraint.getValueUnwrapping() == ValidateUnwrappedValue.UNWRAP) {
            return null;
        }
        Class<?> kind = constraint.getAnnotation().annotationType();
        if (kind == NotNull.class) {
            return value -> value != null;
        }
        if (kind == NotBlank.class) {
            // as Hibernate Validator's: blank is what String.isBlank says (any Unicode white space)
            return value ->
                    value instanceof CharSequence text && !text.toString().isBlank();
        }
        if (kind == Size.class) {
            Map<String, Object> attributes = constraint.getAttributes();
            int min = (Integer) attributes.get("min");
            int max = (Integer) attributes.get("max");
            return value -> {
                int size;
                if (value == null) {
                    return true;
                } else if (value instanceof CharSequence text) {
                    size = text.length();
                } else if (value instanceof Collection<?> collection) {
                    size = collection.size();
                } else {
                    return false;
                }
                return size >= min && size <= max;
            };
        }
        return null;
    }

    private static Predicate<Object> and(List<Predicate<Object>> checks) {
        return switch (checks.size()) {
            case 0 -> value -> true;
            case 1 -> checks.get(0);
            default -> {
                Predicate<Object>[] all = checks.toArray(Predicate[]::new);
                yield value -> {
                    for (Predicate<Object> check : all) {
                        if (!check.test(value)) {
                            return false;
                        }
                    }
                    return true;
                };
            }
        };
    }

    /** The record component's accessor; null when the property is not one (the validator then decides). */
    private static MethodHandle accessor(Class<?> type, String name) {
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getName().equals(name)) {
                Method method = component.getAccessor();
                if (Optional.class.isAssignableFrom(method.getReturnType())
                        || method.getReturnType().getName().startsWith("java.util.Optional")) {
                    return null;
                }
                try {
                    method.setAccessible(true);
                    return MethodHandles.lookup()
                            .unreflect(method)
                            .asType(MethodType.methodType(Object.class, Object.class));
                } catch (IllegalAccessException | RuntimeException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static Object read(MethodHandle accessor, Object owner) {
        try {
            return (Object) accessor.invokeExact(owner);
        } catch (Throwable e) {
            throw new IllegalStateException("reading " + accessor + " of a request record failed", e);
        }
    }

    private static boolean hasAnnotationNamed(Class<?> type, String name) {
        for (var annotation : type.getAnnotations()) {
            if (annotation.annotationType().getName().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
