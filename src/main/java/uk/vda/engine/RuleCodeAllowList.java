package uk.vda.engine;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
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
    private static final List<Class<?>> VALUE_TYPES = List.of(
            String.class,
            CharSequence.class,
            StringBuilder.class,
            Integer.class,
            Long.class,
            Double.class,
            Float.class,
            Short.class,
            Byte.class,
            Boolean.class,
            Character.class,
            Number.class,
            Math.class,
            BigDecimal.class,
            BigInteger.class,
            LocalDate.class,
            LocalDateTime.class,
            Period.class,
            ChronoUnit.class,
            Month.class,
            DayOfWeek.class,
            List.class,
            Set.class,
            Map.class,
            Map.Entry.class,
            Collection.class,
            Iterable.class,
            Collections.class,
            Arrays.class,
            ArrayList.class,
            LinkedHashSet.class,
            HashSet.class,
            TreeSet.class,
            HashMap.class,
            LinkedHashMap.class,
            TreeMap.class,
            Objects.class,
            Optional.class,
            Comparable.class);

    /**
     * Never callable, whatever type declares them: reflection, class loading, monitors, constant descriptors, system
     * properties ({@code Integer.getInteger}), other threads ({@code Arrays.parallelSetAll}).
     */
    private static final Set<String> DENIED_MEMBERS = Set.of(
            "getClass",
            "getDeclaringClass",
            "describeConstable",
            "resolveConstantDesc",
            "wait",
            "notify",
            "notifyAll",
            "finalize",
            "clone",
            "getModule",
            "forName",
            "getClassLoader",
            "class",
            "checkedList",
            "checkedSet",
            "checkedMap",
            "checkedCollection",
            "getInteger",
            "getLong",
            "getBoolean",
            "parallelSetAll",
            "parallelPrefix",
            "parallelSort",
            "parallelStream");

    /** Roots of packages common on Java class paths, refused as names even where the class path lacks them. */
    private static final Set<String> COMMON_ROOTS = Set.of(
            "java",
            "javax",
            "jdk",
            "sun",
            "com",
            "org",
            "net",
            "io",
            "uk",
            "tools",
            "jakarta",
            "ch",
            "de",
            "kotlin",
            "groovy",
            "lombok",
            "scala",
            "oracle",
            "ibm",
            "junit",
            "reactor",
            "mozilla",
            "antlr",
            "ognl",
            "bsh",
            "freemarker",
            "liquibase",
            "mvel",
            "javassist",
            "nonapi",
            "edu",
            "gov",
            "info",
            "me",
            "dev",
            "app");

    /** The knowledge helpers a consequence may call, as the shipped rules do. */
    static final Set<String> HELPERS = Set.of("insert", "insertLogical", "delete", "retract", "update");

    /** The one name of the engine's context: only as an argument (to {@link Explain}), never with a dot after it. */
    static final String CONTEXT = "kcontext";

    private final Map<String, Class<?>> types = new TreeMap<>();
    private final Set<String> packageRoots = new HashSet<>(COMMON_ROOTS);
    private final Set<String> members = new TreeSet<>();

    /**
     * The fact types and their enums, on their own: table checks need the enums whether or not rule code is
     * checked, and the whole list (which reads the name of every package on the class path) is built only when it
     * is (a restart whose rules passed before with the same code skips the check: {@link CompiledRules#passed}).
     */
    private static final class Facts {
        static final Set<Class<?>> TYPES = factTypes();
        static final Map<String, Set<String>> ENUMS = enums(TYPES);

        private static Map<String, Set<String>> enums(Set<Class<?>> facts) {
            Map<String, Set<String>> enums = new TreeMap<>();
            for (Class<?> fact : facts) {
                if (fact.isEnum()) {
                    Set<String> values = new LinkedHashSet<>();
                    Arrays.stream(fact.getEnumConstants()).forEach(c -> values.add(((Enum<?>) c).name()));
                    enums.put(fact.getSimpleName(), Collections.unmodifiableSet(values));
                }
            }
            return Collections.unmodifiableMap(enums);
        }
    }

    private RuleCodeAllowList() {
        Set<Class<?>> allowed = new HashSet<>(VALUE_TYPES);
        allowed.addAll(Facts.TYPES);
        allowed.add(Explain.class);
        allowed.forEach(type -> types.put(type.getSimpleName(), type));
        for (Class<?> type : allowed) {
            for (Method method : type.getMethods()) {
                if (!DENIED_MEMBERS.contains(method.getName())
                        && safe(method.getGenericReturnType(), method.getReturnType(), allowed)) {
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
        packageRoots.addAll(classPathRoots());
        members.removeAll(packageRoots);
    }

    /**
     * Whether a name is the first part of a package the service can load ({@code java}, {@code org} …). Such a
     * name may never be declared in rule code (as a binding, variable, label, field or package): where it is not
     * in scope, Java reads {@code java.nio.file.Files} as the class, whatever the rule meant.
     */
    boolean isPackageRoot(String name) {
        return packageRoots.contains(name);
    }

    /** The first part of every package of the JDK's modules and of every jar and folder on the class path. */
    private static Set<String> classPathRoots() {
        Set<String> roots = new HashSet<>();
        ModuleLayer.boot().modules().forEach(module -> module.getPackages().forEach(p -> roots.add(root(p))));
        Set<URL> urls = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            try {
                if (!entry.isBlank()) {
                    urls.add(Path.of(entry).toUri().toURL());
                }
            } catch (IOException | RuntimeException e) {
                // an entry that is not a path holds no classes we could name
            }
        }
        for (ClassLoader loader = RuleCodeAllowList.class.getClassLoader();
                loader != null;
                loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urlLoader) {
                urls.addAll(Arrays.asList(urlLoader.getURLs()));
            }
        }
        for (URL url : urls) {
            try {
                rootsOf(url, roots);
            } catch (IOException | RuntimeException e) {
                // unreadable: COMMON_ROOTS still covers the usual names
            }
        }
        return roots;
    }

    private static void rootsOf(URL url, Set<String> roots) throws IOException {
        if (url.getProtocol().equals("file")) {
            Path path;
            try {
                path = Path.of(url.toURI());
            } catch (URISyntaxException e) {
                return;
            }
            if (Files.isDirectory(path)) {
                try (var children = Files.list(path)) {
                    children.filter(Files::isDirectory)
                            .forEach(d -> roots.add(d.getFileName().toString()));
                }
            } else if (Files.isRegularFile(path)) {
                try (JarFile jar = new JarFile(path.toFile())) {
                    entryRoots(jar, roots);
                }
            }
        } else if (url.openConnection() instanceof JarURLConnection connection) {
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                entryRoots(jar, roots);
            }
        }
    }

    private static void entryRoots(JarFile jar, Set<String> roots) {
        jar.stream()
                .map(JarEntry::getName)
                .filter(n -> n.endsWith(".class"))
                .map(n -> n.startsWith("BOOT-INF/classes/") ? n.substring("BOOT-INF/classes/".length()) : n)
                .filter(n -> n.indexOf('/') > 0 && !n.startsWith("META-INF/"))
                .forEach(n -> roots.add(n.substring(0, n.indexOf('/'))));
    }

    private static String root(String packageName) {
        int dot = packageName.indexOf('.');
        return dot < 0 ? packageName : packageName.substring(0, dot);
    }

    static RuleCodeAllowList get() {
        return Instance.LIST;
    }

    /** Built on first use, not with the class: {@link #factEnums} needs none of it. */
    private static final class Instance {
        static final RuleCodeAllowList LIST = new RuleCodeAllowList();
    }

    /** The enums of the fact model, by simple name, with their values in order: the types of table columns. */
    static Map<String, Set<String>> factEnums() {
        return Facts.ENUMS;
    }

    /** Names of the public methods of Java's {@code Object} and {@code Class}: never names of a rule's own. */
    private static final Set<String> REFLECTIVE = reflective();

    private static Set<String> reflective() {
        Set<String> names = new HashSet<>(DENIED_MEMBERS);
        for (Class<?> type : List.of(Object.class, Class.class, ClassLoader.class)) {
            Arrays.stream(type.getMethods()).forEach(m -> names.add(m.getName()));
        }
        return Set.copyOf(names);
    }

    static boolean isReflective(String name) {
        return REFLECTIVE.contains(name);
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

    private static boolean safe(Type generic, Class<?> raw, Set<Class<?>> allowed) {
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
