package uk.vda.engine;

import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The class loader the rule compiler looks types up through: the service's own, with every answer remembered,
 * including "no such class". Compiling a rule set asks for the same names thousands of times, most of them
 * names that do not exist (each import tried for every simple name by ECJ and MVEL), and each miss searches every
 * jar of the class path; remembered, a start-up compile and every later reload skip those searches. Safe because
 * the service's class path does not change while it runs; the classes Drools generates for a rule set live in
 * its own loader (a child of this one), never here.
 */
final class LookupCache extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private static final Object MISSING = new Object();
    private final ConcurrentHashMap<String, Object> classes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Optional<URL>> resources = new ConcurrentHashMap<>();

    LookupCache(ClassLoader parent) {
        super("rule-compiler-lookups", parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        Object found = classes.computeIfAbsent(name, n -> {
            try {
                return getParent().loadClass(n);
            } catch (ClassNotFoundException | LinkageError e) {
                return MISSING;
            }
        });
        if (found == MISSING) {
            throw new ClassNotFoundException(name);
        }
        return (Class<?>) found;
    }

    @Override
    public URL getResource(String name) {
        return resources
                .computeIfAbsent(name, n -> Optional.ofNullable(getParent().getResource(n)))
                .orElse(null);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return getParent().getResources(name);
    }
}
