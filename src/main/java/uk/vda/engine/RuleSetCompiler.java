package uk.vda.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieContainer;
import org.kie.internal.builder.CompositeKnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.vda.policy.Ladder;
import uk.vda.policy.MarkingSchemes;

/**
 * Compiles a {@code rules/} folder: every {@code .drl} file as it is, and every {@code .csv} table that has a
 * {@code .drt} template of the same name expanded into rules. Errors come back as {@link RuleProblem}s that name
 * the file policy staff edit (for a generated rule, the table row and, where it can tell, the column).
 */
final class RuleSetCompiler {
    /** The link a Kubernetes ConfigMap mount swaps to publish a new version of its files. */
    private static final String CONFIG_MAP_DATA = "..data";

    private static final String RESOURCES = "src/main/resources/";
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)");
    private static final Pattern RULE_NAME = Pattern.compile("^\\s*rule\\s+\"([^\"]+)\"");
    private static final Logger log = LoggerFactory.getLogger(RuleSetCompiler.class);
    private static final AtomicLong BUILDS = new AtomicLong();
    /** The name under which a sandbox pass is recorded ({@link CompiledRules#passed}). */
    private static final String SANDBOX = "sandbox";

    private static final ClassLoader LOOKUPS = new LookupCache(RuleSetCompiler.class.getClassLoader());

    /**
     * A rule set compiled from files, with the KIE base that runs it; {@code reused} counts the packages whose
     * compiled part was kept from before, of {@code parts} (0 of 0 when the set was compiled whole);
     * {@code layout} names, per package, the part it was made from (empty when compiled whole); {@code onCopy}
     * is true when the KIE base is a warm copy of an earlier one with only the changed packages, {@code replaced}
     * of them, replaced.
     */
    record Compiled(
            RuleSet ruleSet,
            KieBase kieBase,
            int reused,
            int parts,
            Map<String, Part> layout,
            boolean onCopy,
            int replaced) {
        Compiled(RuleSet ruleSet, KieBase kieBase, int reused, int parts) {
            this(ruleSet, kieBase, reused, parts, Map.of(), false, 0);
        }
    }

    /**
     * The compiled part a package of the rule set came from: its key, the KIE packages that are its own (its
     * package, and any other holding rules; not those Drools makes to describe the fact classes, which every part
     * has). No part declares types or globals (the whole rule base's, not one package's): the sandbox refuses both.
     */
    record Part(String key, List<String> kiePackages) {}

    /** What putting a rule set together from parts reused. */
    private record Assembly(
            KieBase kieBase, int reused, int parts, Map<String, Part> layout, boolean onCopy, int replaced) {}

    /** A DRL text and where its lines came from. */
    private record Source(
            String drl, String file, TableTemplate.Expansion expansion, String template, CsvTable table) {}

    private RuleSetCompiler() {}

    /** Compiles files given as relative path → content, always (nothing read back or kept). */
    static Compiled compile(String directory, Map<String, String> files) {
        return compile(directory, files, null);
    }

    /**
     * Compiles files given as relative path → content (from disk or from an upload); with {@code kept} (may be
     * null), a set compiled before by the same code is read back instead, and a new one is kept.
     */
    static Compiled compile(String directory, Map<String, String> files, CompiledRules kept) {
        return compile(directory, files, kept, null);
    }

    /**
     * As {@link #compile(String, Map, CompiledRules)}, and when {@code copy} is given (a rule set put together
     * from parts, which nothing else runs or will run), by changing it: its packages whose files changed are
     * replaced by the new ones, the rest, already warm, stay as they are. {@code copy} is used up either way.
     */
    static Compiled compile(String directory, Map<String, String> files, CompiledRules kept, Compiled copy) {
        Map<String, CsvTable> tables = new TreeMap<>();
        Map<String, Source> sources = new LinkedHashMap<>();
        List<RuleProblem> problems = new ArrayList<>();
        for (var file : files.entrySet()) {
            if (file.getKey().endsWith(".csv")) {
                try {
                    tables.put(file.getKey(), CsvTable.parse(file.getKey(), file.getValue()));
                } catch (RuleSetException e) {
                    problems.addAll(e.problems());
                }
            }
        }
        Map<String, Map<String, TableSchema.ColumnType>> columnTypes = Map.of();
        if (problems.isEmpty()) {
            try {
                // tables carry data, never code: every cell is checked against its column's type before any template
                columnTypes = TableSchema.check(tables);
            } catch (RuleSetException e) {
                problems.addAll(e.problems());
            }
        }
        for (var file : files.entrySet()) {
            String path = file.getKey();
            try {
                if (path.endsWith(".drl")) {
                    sources.put(path, new Source(file.getValue(), path, null, null, null));
                } else if (path.endsWith(".csv") && problems.isEmpty()) {
                    CsvTable table = tables.get(path);
                    String templatePath = path.substring(0, path.length() - 4) + ".drt";
                    String template = files.get(templatePath);
                    if (template != null) {
                        var expansion = TableTemplate.expand(templatePath, template, table, columnTypes.get(path));
                        sources.put(
                                path + ".generated.drl",
                                new Source(expansion.drl(), path, expansion, templatePath, table));
                    }
                } else if (path.endsWith(".drt") && !files.containsKey(path.substring(0, path.length() - 4) + ".csv")) {
                    problems.add(new RuleProblem(
                            path,
                            0,
                            null,
                            "a template needs a table of the same name (" + path.substring(0, path.length() - 4)
                                    + ".csv)"));
                }
            } catch (RuleSetException e) {
                problems.addAll(e.problems());
            }
        }
        if (problems.isEmpty()) {
            // the sandbox: nothing of a rule file is compiled, let alone run, before every name it uses is allowed
            Map<String, String> drl = new TreeMap<>();
            sources.forEach((path, source) -> drl.put(path, source.drl()));
            // A pass is kept beside the compiled parts, bound to every file's text and to the code that checked it
            // (the allow-list is made from the classes): a restart with both unchanged need not check again.
            String checked = kept == null ? null : joined(drl);
            if (checked == null || kept.passed(SANDBOX, checked) == null) {
                Map<String, List<RuleCodeCheck.Finding>> refused = RuleCodeCheck.checkAll(drl);
                sources.forEach((path, source) -> problems.addAll(sandbox(source, refused.get(path))));
                if (checked != null && problems.isEmpty()) {
                    kept.recordPass(SANDBOX, checked, "passed");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleSetException(problems);
        }
        if (sources.isEmpty()) {
            throw new RuleSetException(List.of(new RuleProblem(
                    directory, 0, null, "no .drl files and no tables with templates: is this the rules folder?")));
        }

        String version = version(files);
        Assembly assembly = null;
        if (kept != null && copy != null && !copy.layout().isEmpty()) {
            assembly = fromParts(sources, kept, copy);
        }
        if (kept != null && assembly == null) {
            assembly = fromParts(sources, kept, null);
        }
        KieBase kieBase = assembly != null ? assembly.kieBase() : build(sources, problems);

        List<RuleInfo> rules = rules(kieBase, sources);
        if (rules.isEmpty()) {
            throw new RuleSetException(List.of(new RuleProblem(directory, 0, null, "the rule set has no rules")));
        }
        RuleSet ruleSet = new RuleSet(
                version,
                Instant.now(),
                directory,
                List.copyOf(files.keySet()),
                rules,
                Map.copyOf(tables),
                Map.copyOf(files),
                standingFacts(tables));
        return assembly == null
                ? new Compiled(ruleSet, kieBase, 0, 0)
                : new Compiled(
                        ruleSet,
                        kieBase,
                        assembly.reused(),
                        assembly.parts(),
                        assembly.layout(),
                        assembly.onCopy(),
                        assembly.replaced());
    }

    /**
     * The facts every session starts with, made once per rule-set version from its tables, so rules compare
     * vetting levels and read schemes as the tables say without a lookup per question.
     */
    private static List<Object> standingFacts(Map<String, CsvTable> tables) {
        return List.of(
                Ladder.of(rows(tables, Tables.VETTING_LEVELS)), MarkingSchemes.of(rows(tables, Tables.MARKINGS)));
    }

    private static List<Map<String, String>> rows(Map<String, CsvTable> tables, String name) {
        CsvTable table = Tables.find(tables, name);
        return table == null
                ? List.of()
                : table.rows().stream().map(CsvTable.Row::cells).toList();
    }

    /**
     * The rule set put together from one compiled part per package (the files that declare it, compiled
     * together, since Drools cannot merge separately compiled parts of one package), compiling only the packages
     * whose files changed; null when that cannot give exactly what one compile would (see {@link CompiledRules}),
     * and then the caller compiles the set whole, which also reports its errors as one compile does.
     */
    private static Assembly fromParts(Map<String, Source> sources, CompiledRules kept, Compiled copy) {
        try {
            Map<String, Map<String, Source>> byPackage = new TreeMap<>();
            sources.forEach((path, source) -> {
                Matcher m = PACKAGE.matcher(source.drl());
                byPackage
                        .computeIfAbsent(m.find() ? m.group(1) : "", p -> new TreeMap<>())
                        .put(path, source);
            });
            List<List<KiePackage>> parts = new ArrayList<>();
            Map<String, Part> layout = new TreeMap<>();
            int reused = 0;
            for (var group : byPackage.entrySet()) {
                StringBuilder text = new StringBuilder();
                group.getValue()
                        .forEach((path, source) -> text.append(path)
                                .append('\0')
                                .append(source.drl())
                                .append('\0'));
                String key = kept.key(text.toString());
                Part before = copy == null ? null : copy.layout().get(group.getKey());
                if (before != null && before.key().equals(key)) {
                    layout.put(group.getKey(), before);
                    reused++;
                    continue;
                }
                byte[] bytes = kept.get(key);
                List<KiePackage> part = bytes == null ? null : CompiledRules.read(bytes, LOOKUPS);
                if (part == null) {
                    part = compilePart(group.getValue());
                    if (part == null) {
                        return null;
                    }
                    kept.put(key, CompiledRules.serialise(part));
                } else {
                    reused++;
                }
                parts.add(part);
                String name = group.getKey();
                layout.put(
                        name,
                        new Part(
                                key,
                                part.stream()
                                        .filter(p -> p.getName().equals(name)
                                                || !p.getRules().isEmpty())
                                        .map(KiePackage::getName)
                                        .toList()));
            }
            if (copy != null) {
                Set<String> changed = new TreeSet<>(copy.layout().keySet());
                changed.addAll(layout.keySet());
                changed.removeIf(name -> Objects.equals(copy.layout().get(name), layout.get(name)));
                List<String> takenOut = new ArrayList<>();
                for (String name : changed) {
                    Part before = copy.layout().get(name);
                    if (before != null) {
                        takenOut.addAll(before.kiePackages());
                    }
                }
                KieBase kieBase = CompiledRules.replace(copy.kieBase(), takenOut, parts);
                return kieBase == null
                        ? null
                        : new Assembly(kieBase, reused, layout.size(), Map.copyOf(layout), true, changed.size());
            }
            KieBase kieBase = CompiledRules.assemble(parts, LOOKUPS);
            return kieBase == null ? null : new Assembly(kieBase, reused, parts.size(), Map.copyOf(layout), false, 0);
        } catch (RuntimeException e) {
            log.warn("Could not put the rules together from compiled parts ({}); compiling them whole", e.toString());
            return null;
        }
    }

    /** The packages of some files compiled together (no rule base built); null when they do not compile. */
    private static List<KiePackage> compilePart(Map<String, Source> files) {
        KieServices ks = KieServices.Factory.get();
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(
                KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(LOOKUPS));
        CompositeKnowledgeBuilder batch = builder.batch();
        files.forEach((path, source) -> {
            Resource resource =
                    ks.getResources().newByteArrayResource(source.drl().getBytes(StandardCharsets.UTF_8));
            resource.setSourcePath(RESOURCES + path);
            batch.add(resource, ResourceType.DRL);
        });
        batch.build();
        return builder.hasErrors() ? null : List.copyOf(builder.getKnowledgePackages());
    }

    /** The Drools compile proper; compiler errors come back as problems naming the files policy staff edit. */
    private static KieBase build(Map<String, Source> sources, List<RuleProblem> problems) {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId releaseId = ks.newReleaseId("uk.vda.rules", "ruleset", "1.0." + BUILDS.incrementAndGet());
        kfs.generateAndWritePomXML(releaseId);
        // One rule base that takes every package, listing none: Drools' default lists "*", and then warns for every
        // file whose package is not its folder's, as most are not by design (rules/README.md, "One package per file").
        KieModuleModel module = ks.newKieModuleModel();
        module.newKieBaseModel("rules").setDefault(true);
        kfs.writeKModuleXML(module.toXML());
        sources.forEach((path, source) -> kfs.write(RESOURCES + path, source.drl()));
        KieBuilder builder = ks.newKieBuilder(kfs, LOOKUPS).buildAll();
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
            problems.add(problem(m, sources));
        }
        if (!problems.isEmpty()) {
            ks.getRepository().removeKieModule(releaseId);
            throw new RuleSetException(problems);
        }
        KieContainer container = ks.newKieContainer(releaseId, LOOKUPS);
        KieBase kieBase = container.getKieBase();
        // Each build has its own release; the container keeps what it needs, so the repository need not.
        ks.getRepository().removeKieModule(releaseId);
        return kieBase;
    }

    /**
     * Every file under {@code directory}, as relative path → content. Operators mount the folder where it suits
     * them: it, and anything in it, may be a symbolic link. A Kubernetes ConfigMap mount is a folder of links into
     * {@code ..data}, itself a link to a timestamped folder that an update replaces in one rename; such a folder is
     * read through the folder {@code ..data} points to when reading starts, so one read sees one version whole,
     * never half of each. Names starting {@code ..} are the mount's own and never rule files.
     */
    static Map<String, String> read(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new RuleSetException(List.of(new RuleProblem(
                    directory.toAbsolutePath().toString(),
                    0,
                    null,
                    "the rules folder does not exist (set advisor.rules.path)")));
        }
        Map<String, String> files = new TreeMap<>();
        try {
            Path data = directory.resolve(CONFIG_MAP_DATA);
            Path root = (Files.isDirectory(data) ? data : directory).toRealPath();
            try (Stream<Path> walk = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
                for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                    Path relative = root.relativize(p);
                    if (!mountOwn(relative)) {
                        files.put(relative.toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static boolean mountOwn(Path relative) {
        for (Path name : relative) {
            if (name.toString().startsWith("..")) {
                return true;
            }
        }
        return false;
    }

    /** Files as one text, each path and content ended by a NUL (as a part's name is made). */
    static String joined(Map<String, String> files) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(files)
                .forEach((path, content) ->
                        text.append(path).append('\0').append(content).append('\0'));
        return text.toString();
    }

    /** A content hash of every file: the same files give the same version on every machine. */
    static String version(Map<String, String> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(files).forEach((path, content) -> {
                sha.update(path.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(content.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            });
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<RuleInfo> rules(KieBase kieBase, Map<String, Source> sources) {
        Map<String, String> fileOfRule = new LinkedHashMap<>();
        sources.values().forEach(source -> {
            for (String line : source.drl().split("\n")) {
                Matcher m = RULE_NAME.matcher(line);
                if (m.find()) {
                    fileOfRule.put(m.group(1), source.file());
                }
            }
        });
        List<RuleInfo> rules = new ArrayList<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            for (Rule r : p.getRules()) {
                rules.add(new RuleInfo(
                        r.getName(),
                        fileOfRule.getOrDefault(r.getName(), p.getName()),
                        meta(r, "description"),
                        meta(r, "source")));
            }
        }
        rules.sort((a, b) -> a.name().compareTo(b.name()));
        return List.copyOf(rules);
    }

    /**
     * A rule's {@code @key} metadata. Drools files {@code @description} under its own annotation type's name
     * ({@code org.kie.api.definition.type.Description}), so a key is also found by that name's last part.
     */
    static String meta(Rule rule, String key) {
        Map<String, Object> metaData = rule.getMetaData();
        Object value = metaData.get(key);
        if (value == null) {
            // kept as written between the quotes, escapes and all (a value under the plain key was evaluated)
            value = metaData.entrySet().stream()
                    .filter(e -> e.getKey()
                            .substring(e.getKey().lastIndexOf('.') + 1)
                            .equalsIgnoreCase(key))
                    .map(e -> unescape(String.valueOf(e.getValue())))
                    .findFirst()
                    .orElse(null);
        }
        return value == null ? "" : value.toString();
    }

    private static String unescape(String written) {
        StringBuilder text = new StringBuilder(written.length());
        for (int i = 0; i < written.length(); i++) {
            char c = written.charAt(i);
            if (c == '\\' && i + 1 < written.length()) {
                char next = written.charAt(++i);
                text.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next == 't' ? '\t' : next);
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }

    /** The sandbox's refusals for one source, named by the file policy staff edit: the rule file, or table and template. */
    private static List<RuleProblem> sandbox(Source source, List<RuleCodeCheck.Finding> findings) {
        List<RuleProblem> problems = new ArrayList<>();
        String[] lines = source.drl().split("\n", -1);
        for (RuleCodeCheck.Finding finding : findings) {
            String message = finding.message() + (finding.name() == null ? "" : " [refused: " + finding.name() + "]");
            int line = finding.line();
            if (source.expansion() == null) {
                problems.add(new RuleProblem(source.file(), line, ruleAt(lines, line), message));
                continue;
            }
            boolean known = line >= 1 && line <= lines.length;
            int tableLine = known ? source.expansion().tableLineOf()[line - 1] : 0;
            int templateLine = known ? source.expansion().templateLineOf()[line - 1] : 0;
            if (tableLine == 0) {
                problems.add(new RuleProblem(source.template(), templateLine, ruleAt(lines, line), message));
            } else {
                problems.add(new RuleProblem(
                        source.file(),
                        tableLine,
                        ruleAt(lines, line),
                        finding.name() == null ? null : columnHolding(source.table(), tableLine, finding.name()),
                        message + " (from this row through " + source.template() + " line " + templateLine + ")"));
            }
        }
        return problems;
    }

    private static RuleProblem problem(Message m, Map<String, Source> sources) {
        String path = m.getPath() == null ? "" : m.getPath().replaceFirst("^" + RESOURCES, "");
        String text = m.getText() == null ? "" : m.getText().strip();
        Source source = sources.get(path);
        if (source == null) {
            return new RuleProblem(path, m.getLine(), null, text);
        }
        String[] lines = source.drl().split("\n", -1);
        int line = m.getLine();
        String rule = ruleAt(lines, line);
        if (source.expansion() == null) {
            return new RuleProblem(path, line, rule, text);
        }
        int tableLine = line >= 1 && line <= lines.length ? source.expansion().tableLineOf()[line - 1] : 0;
        if (tableLine == 0) {
            return new RuleProblem(source.template(), line, rule, text);
        }
        return new RuleProblem(
                source.file(),
                tableLine,
                rule,
                column(source.table(), tableLine, text),
                text + " (the rule is generated from this row by " + source.template() + ")");
    }

    /** The column whose cell in that row holds a refused name, when exactly one does. */
    private static String columnHolding(CsvTable table, int tableLine, String name) {
        List<String> holding = new ArrayList<>();
        table.rows().stream()
                .filter(row -> row.line() == tableLine)
                .forEach(row -> row.cells().forEach((column, cell) -> {
                    if (cell.contains(name)) {
                        holding.add(column);
                    }
                }));
        return holding.size() == 1 ? holding.get(0) : null;
    }

    private static String ruleAt(String[] lines, int line) {
        for (int i = Math.min(line, lines.length) - 1; i >= 0; i--) {
            Matcher m = RULE_NAME.matcher(lines[i]);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    /** The column whose cell in that row the compiler's message quotes, when exactly one does. */
    private static String column(CsvTable table, int tableLine, String text) {
        List<String> quoted = new ArrayList<>();
        for (CsvTable.Row row : table.rows()) {
            if (row.line() == tableLine) {
                row.cells().forEach((column, cell) -> {
                    if (!cell.isEmpty() && text.contains(cell)) {
                        quoted.add(column);
                    }
                });
            }
        }
        return quoted.size() == 1 ? quoted.get(0) : null;
    }
}
