package uk.vda.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.core.rule.JavaDialectRuntimeData;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Rules already compiled, one part per package (its DRL files and its tables expanded by their templates), kept
 * in memory and on disk, so that a rule set is put together from parts instead of being compiled whole: a
 * restart compiles nothing, and a reload after an edit compiles only the package that changed (compiling was the
 * largest step of start-up and all of a reload: docs/decisions/0008).
 *
 * <p>A part is named by a hash of its files' paths and DRL text and of the code the rules were compiled against
 * (the Java version, the Drools jar, every class of the service, {@code uk/vda/**}, since rules import its fact
 * classes, and the rest of the class path): a part is only ever read back by the same code for the same text.
 * Beside the parts, a record that a check passed (the sandbox, the scenarios) is kept under the same kind of
 * name, so a restart with the same files and the same code need not run it again ({@link #passed}). A part that cannot be read
 * is compiled again. Only the newest {@value #KEEP} parts are kept on disk. A rule set put together from parts
 * still runs its scenarios before it answers, like one compiled whole; and whenever parts cannot be put together
 * exactly as one compile would (a package that does not compile alone, two parts with a rule of the same name
 * in one package or the same generated class), {@link RuleSetCompiler} compiles the set whole instead.
 */
final class CompiledRules {
    private static final Logger log = LoggerFactory.getLogger(CompiledRules.class);
    static final int KEEP = 200;
    /** Parts held in memory too: about eight versions of the default rules (about 1.1 MB each). */
    private static final int IN_MEMORY = 64;

    private static final String SUFFIX = ".rules";
    private static final String PASSED = ".passed";

    private final Path directory;
    private final Map<String, byte[]> memory = new ConcurrentHashMap<>();
    private volatile String stamp;

    CompiledRules(Path directory) {
        this.directory = directory;
    }

    Path directory() {
        return directory;
    }

    /** The name of a compiled part: its files' paths and DRL text, and the code that compiles them. */
    String key(String files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(stamp().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(files.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A kept part, from memory or disk; null when there is none. */
    byte[] get(String key) {
        byte[] part = memory.get(key);
        if (part == null) {
            Path file = directory.resolve(key + SUFFIX);
            if (Files.isRegularFile(file)) {
                try {
                    part = Files.readAllBytes(file);
                    remember(key, part);
                } catch (IOException e) {
                    log.warn("Could not read the compiled rules {} ({}); compiling them again", file, e.toString());
                }
            }
        }
        return part;
    }

    /** Keeps a part in memory and on disk; a failure to write is logged and otherwise ignored. */
    void put(String key, byte[] part) {
        remember(key, part);
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(key + SUFFIX);
            Path partial = Files.createTempFile(directory, key, ".partial");
            Files.write(partial, part);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            prune(SUFFIX);
        } catch (IOException | RuntimeException e) {
            log.warn(
                    "Could not keep compiled rules in {} ({}); they will be compiled again after a restart",
                    directory,
                    e.toString());
        }
    }

    private void remember(String key, byte[] part) {
        if (memory.size() >= IN_MEMORY) {
            memory.clear();
        }
        memory.put(key, part);
    }

    /**
     * What was recorded when {@code check} passed for exactly this {@code input} (say, every rule file's text), with
     * the same code ({@link #key}: Java, every class of the service, every jar and folder on the class path); null
     * when it has not, or the record cannot be read. Only passes are recorded: a failure is always found anew.
     */
    String passed(String check, String input) {
        Path file = directory.resolve(key(check + '\0' + input) + PASSED);
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Records that {@code check} passed for {@code input} with this code; a failure to write only costs a re-run. */
    void recordPass(String check, String input, String note) {
        try {
            Files.createDirectories(directory);
            String key = key(check + '\0' + input);
            Path partial = Files.createTempFile(directory, key, ".partial");
            Files.writeString(partial, note, StandardCharsets.UTF_8);
            Files.move(
                    partial,
                    directory.resolve(key + PASSED),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            prune(PASSED);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not record that the rules passed {} in {} ({})", check, directory, e.toString());
        }
    }

    /** Compiled packages, as bytes. */
    static byte[] serialise(Collection<KiePackage> packages) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        try (DroolsObjectOutputStream out = new DroolsObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(packages));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write compiled rules", e);
        }
        return bytes.toByteArray();
    }

    /** Compiled packages read back; null when they cannot be read (the part is then compiled again). */
    static List<KiePackage> read(byte[] part, ClassLoader classLoader) {
        try (InputStream in = new ByteArrayInputStream(part);
                DroolsObjectInputStream objects = new DroolsObjectInputStream(in, classLoader)) {
            @SuppressWarnings("unchecked")
            List<KiePackage> packages = (List<KiePackage>) objects.readObject();
            return packages;
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            log.warn("Could not read compiled rules back ({}); compiling them again", e.toString());
            return null;
        }
    }

    /**
     * One rule base from parts (each the packages of one compile), or null when the parts cannot be put together
     * exactly as one compile would: two parts with a rule of the same name in the same package, or the same
     * generated class.
     */
    static KieBase assemble(List<List<KiePackage>> parts, ClassLoader classLoader) {
        if (clash(parts)) {
            return null;
        }
        try {
            InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase(
                    KieServices.Factory.get().newKieBaseConfiguration(null, classLoader));
            kieBase.addPackages(parts.stream().flatMap(List::stream).toList());
            return kieBase;
        } catch (RuntimeException | LinkageError e) {
            log.warn("Could not put compiled rules together ({}); compiling the rules whole", e.toString());
            return null;
        }
    }

    /**
     * {@code kieBase} changed in place: the packages named in {@code removed} taken out, the {@code added} parts
     * put in, the rest left as they are, with the classes and compiled conditions their rules already made.
     * Null when that could differ from putting the same parts together anew (see {@link #assemble}; the caller
     * also checks that no package taken out or put in declares types or globals, which belong to the whole rule
     * base), and then {@code kieBase} must not be used any more. Nothing may run on {@code kieBase} meanwhile.
     */
    static KieBase replace(KieBase kieBase, List<String> removed, List<List<KiePackage>> added) {
        List<List<KiePackage>> after = new ArrayList<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            if (!removed.contains(p.getName())) {
                after.add(List.of(p));
            }
        }
        after.addAll(added);
        if (clash(after)) {
            return null;
        }
        try {
            InternalKnowledgeBase base = (InternalKnowledgeBase) kieBase;
            for (String name : removed) {
                base.removeKiePackage(name);
            }
            base.addPackages(added.stream().flatMap(List::stream).toList());
            return base;
        } catch (RuntimeException | LinkageError e) {
            log.warn("Could not change a copy of the rules in place ({}); putting them together anew", e.toString());
            return null;
        }
    }

    /** Whether two parts hold a rule of the same name in the same package, or the same generated class. */
    private static boolean clash(List<List<KiePackage>> parts) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            for (KiePackage p : parts.get(i)) {
                for (Rule rule : p.getRules()) {
                    if (seen.merge("rule " + p.getName() + "." + rule.getName(), i, (a, b) -> -1) < 0) {
                        return true;
                    }
                }
                if (((InternalKnowledgePackage) p).getDialectRuntimeRegistry().getDialectData("java")
                        instanceof JavaDialectRuntimeData java) {
                    for (String generated : java.getStore().keySet()) {
                        if (seen.merge("class " + generated, i, (a, b) -> -1) < 0) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    private void prune(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> kept = files.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .sorted(Comparator.comparing(CompiledRules::modified).reversed())
                    .toList();
            for (Path old : kept.subList(Math.min(KEEP, kept.size()), kept.size())) {
                Files.deleteIfExists(old);
            }
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** The code the rules compile against: Java, Drools, every class of the service and the rest of the class path. */
    private String stamp() {
        String s = stamp;
        if (s == null) {
            s = computeStamp();
            stamp = s;
        }
        return s;
    }

    private static String computeStamp() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Runtime.version().toString().getBytes(StandardCharsets.UTF_8));
            sha.update(String.valueOf(InternalKnowledgeBase.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation())
                    .replaceFirst(".*/(?=.)", "")
                    .getBytes(StandardCharsets.UTF_8));
            ClassLoader loader = CompiledRules.class.getClassLoader();
            Resource[] classes =
                    new PathMatchingResourcePatternResolver(loader).getResources("classpath*:uk/vda/**/*.class");
            Arrays.sort(classes, Comparator.comparing(CompiledRules::nameOf));
            for (Resource r : classes) {
                sha.update(nameOf(r).getBytes(StandardCharsets.UTF_8));
                try (InputStream in = r.getInputStream()) {
                    sha.update(in.readAllBytes());
                }
            }
            classPath(sha);
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot work out which code compiled the rules", e);
        }
    }

    /**
     * The rest of the class path, which the sandbox's list of names reads too: every jar and folder by name (a
     * folder also by the names in it), and a jar run on its own ({@code java -jar}) by the name and checksum of
     * every entry, so a new packaged jar, or a library in another version, is new code.
     */
    private static void classPath(MessageDigest sha) throws IOException {
        Set<String> entries = new LinkedHashSet<>();
        String[] given = System.getProperty("java.class.path", "").split(File.pathSeparator);
        for (String entry : given) {
            Path path = entry.isBlank() ? null : Path.of(entry);
            if (path != null && Files.isRegularFile(path)) {
                entries.add(path.getFileName() + " " + Files.size(path));
                if (given.length == 1) {
                    try (ZipFile jar = new ZipFile(path.toFile())) {
                        jar.stream().forEach(e -> entries.add(e.getName() + " " + e.getCrc() + " " + e.getSize()));
                    }
                }
            } else if (path != null && Files.isDirectory(path)) {
                try (Stream<Path> children = Files.list(path)) {
                    children.map(c -> path.getFileName() + "/" + c.getFileName())
                            .sorted()
                            .forEach(entries::add);
                }
            }
        }
        for (ClassLoader loader = CompiledRules.class.getClassLoader(); loader != null; loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    String name = url.toString().replaceFirst("!/$", "").replaceFirst("/$", "");
                    entries.add(name.substring(name.lastIndexOf('/') + 1));
                }
            }
        }
        for (String entry : entries) {
            sha.update(entry.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
    }

    private static String nameOf(Resource r) {
        try {
            String url = r.getURL().toString();
            int at = url.lastIndexOf("uk/vda/");
            return at < 0 ? url : url.substring(at);
        } catch (IOException e) {
            return String.valueOf(r.getFilename());
        }
    }
}
