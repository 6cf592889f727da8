package uk.vda.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.TypeVariable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * What rule code may name: the fact types of {@code uk.vda.policy}, {@link Explain}, and the value types of the
 * standard library (strings, numbers, dates, collections), with their public methods and fields — but only
 * those whose results are again one of these types, so no chain of calls can reach a class outside the list.
 * Reflection and class loading are never on it ({@code getClass}, {@code getDeclaringClass}, {@code class} …).
 * Built once from the classes themselves: a fact type added to {@code uk.vda.policy} is allowed at once.
 */
final class RuleCodeAllowList {
    /** The standard library's value types rules may use, besides the fact types. */
    private static final List<Class<?>> VALUE_TYPES = List.of(String.class, CharSequence.class, StringBuilder.class,
            Integer.class, Long.class, Double.class, Float.class, Short.class, Byte.class, Boolean.class,
            Character.class, Number.class, Math.class, BigDecimal.class, BigInteger.class, LocalDate.class,
            LocalDateTime.class, Period.class, ChronoUnit.class, Month.class, DayOfWeek.class, List.class, Set.class,
            Map.class, Map.Entry.class, Collection.class, Iterable.class, Collections.class, Arrays.class, ArrayList.class,
            LinkedHashSet.class, HashSet.class, TreeSet.class, HashMap.class, LinkedHashMap.class, TreeMap.class,
            Objects.class, Optional.class, Comparable.class);

    /** Never callable, whatever type declares them: reflection, class loading, monitors, constant descriptors. */
    private static final Set<String> DENIED_MEMBERS = Set.of("getClass", "getDeclaringClass", "describeConstable",
            "resolveConstantDesc", "wait", "notify", "notifyAll", "finalize", "clone", "getModule", "forName",
            "getClassLoader", "class", "checkedList", "checkedSet", "checkedMap", "checkedCollection");

    /** The knowledge helpers a consequence may call, as the shipped rules do. */
    static final Set<String> HELPERS = Set.of("insert", "insertLogical", "delete", "retract", "update");

    /** The one name of the engine's context: only as an argument (to {@link Explain}), never with a dot after it. */
    static final String CONTEXT = "kcontext";

    private static final RuleCodeAllowList INSTANCE = new RuleCodeAllowList();

    private final Map<String, Class<?>> types = new TreeMap<>();
    private final Map<String, Set<String>> factEnums = new TreeMap<>();
    private final Set<String> members = new TreeSet<>();

    private RuleCodeAllowList() {
        Set<Class<?>> allowed = new HashSet<>(VALUE_TYPES);
        Set<Class<?>> facts = factTypes();
        allowed.addAll(facts);
        for (Class<?> fact : facts) {
            if (fact.isEnum()) {
                Set<String> values = new LinkedHashSet<>();
                Arrays.stream(fact.getEnumConstants()).forEach(c -> values.add(((Enum<?>) c).name()));
                factEnums.put(fact.getSimpleName(), Collections.unmodifiableSet(values));
            }
        }
        allowed.add(Explain.class);
        allowed.forEach(type -> types.put(type.getSimpleName(), type));
        for (Class<?> type : allowed) {
            for (Method method : type.getMethods()) {
                if (!DENIED_MEMBERS.contains(method.getName()) && safe(method.getGenericReturnType(), method.getReturnType(), allowed)) {
                    members.add(method.getName());
                    property(method).ifPresent(members::add);
                }
            }
            for (Field field : type.getFields()) {
                if (Modifier.isPublic(field.getModifiers()) && safe(field.getGenericType(), field.getType(), allowed)) {
                    members.add(field.getName());
                }
            }
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    if (safe(component.getGenericType(), component.getType(), allowed)) {
                        members.add(component.getName());
                    }
                }
            }
        }
        members.add("length");
        members.removeAll(DENIED_MEMBERS);
    }

    static RuleCodeAllowList get() {
        return INSTANCE;
    }

    /** The enums of the fact model, by simple name, with their values in order: the types of table columns. */
    Map<String, Set<String>> factEnums() {
        return Collections.unmodifiableMap(factEnums);
    }

    /** Simple names of the allowed types. */
    boolean isType(String name) {
        return types.containsKey(name);
    }

    /** The fully qualified name of an allowed type, as code may write it ({@code java.util.TreeSet}). */
    boolean isQualifiedType(String name) {
        Class<?> type = types.get(name.substring(name.lastIndexOf('.') + 1));
        return type != null && type.getCanonicalName().equals(name);
    }

    /** Method, field and property names of the allowed types. */
    boolean isMember(String name) {
        return members.contains(name);
    }

    /** The fully qualified name of an allowed type an import may name, or of a wildcard import of the fact types. */
    boolean isImport(String target) {
        if (target.equals("uk.vda.policy.*")) {
            return true;
        }
        Class<?> type = types.get(target.substring(target.lastIndexOf('.') + 1));
        return type != null && type.getCanonicalName().equals(target);
    }

    /** What a rule is told when it names something else. */
    static String allowedInWords() {
        return "rules may use only the fact types of uk.vda.policy, Explain, strings, numbers, dates (java.time) and "
                + "collections, enum constants, and insert/insertLogical/delete/update";
    }

    private static boolean safe(java.lang.reflect.Type generic, Class<?> raw, Set<Class<?>> allowed) {
        if (raw.isPrimitive() || raw == Object.class || generic instanceof TypeVariable<?>) {
            return true;
        }
        Class<?> component = raw;
        while (component.isArray()) {
            component = component.getComponentType();
        }
        return component.isPrimitive() || component == Object.class || allowed.contains(component);
    }

    private static Optional<String> property(Method method) {
        String name = method.getName();
        int prefix = name.startsWith("get") ? 3 : name.startsWith("is") ? 2 : 0;
        if (prefix == 0 || name.length() == prefix || method.getParameterCount() != 0) {
            return Optional.empty();
        }
        return Optional.of(name.substring(prefix, prefix + 1).toLowerCase(Locale.ROOT) + name.substring(prefix + 1));
    }

    /** Every public class of {@code uk.vda.policy}, found on the class path (from the jar or the classes folder). */
    private static Set<Class<?>> factTypes() {
        String pkg = "uk.vda.policy";
        Set<Class<?>> found = new HashSet<>();
        try {
            ClassLoader loader = RuleCodeAllowList.class.getClassLoader();
            Resource[] resources = new PathMatchingResourcePatternResolver(loader)
                    .getResources("classpath*:" + pkg.replace('.', '/') + "/*.class");
            for (Resource resource : resources) {
                String file = Objects.requireNonNull(resource.getFilename());
                String name = file.substring(0, file.length() - ".class".length());
                if (name.equals("package-info") || name.contains("$")) {
                    continue;
                }
                Class<?> type = Class.forName(pkg + "." + name, false, loader);
                if (Modifier.isPublic(type.getModifiers())) {
                    found.add(type);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("no fact types found in " + pkg);
        }
        return found;
    }
}
