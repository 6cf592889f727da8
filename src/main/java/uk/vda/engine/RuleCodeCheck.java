package uk.vda.engine;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.TypePatternExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.LabeledStmt;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.EntryPointDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.MVELExprDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.drools.drl.parser.ParserError;

/**
 * The sandbox for rule code. Rules can change policy, never run code: before any of a rule file is compiled (its
 * functions, its consequences, its scenarios), the file is parsed by Drools' own DRL parser, each consequence,
 * function and accumulate block by a Java parser, and every name the code uses, in conditions as in consequences,
 * must be on {@link RuleCodeAllowList}. Comments, strings and line breaks hide nothing: the check reads tokens,
 * not lines, and refuses unicode escapes outright. Anything not known to be harmless is refused, with the line and
 * the name, so the shipped rules are the proof of what the allow-list must hold.
 */
final class RuleCodeCheck {
    /** A refusal: the line in the checked text (1-based), the name refused (may be null) and why. */
    record Finding(int line, String name, String message) {}

    private enum Kind {
        IDENT,
        STRING,
        NUMBER,
        SYMBOL
    }

    private record Token(Kind kind, String text, int line) {}

    /** Java and DRL words rule code may use. */
    private static final Set<String> KEYWORDS = Set.of(
            "new",
            "null",
            "true",
            "false",
            "this",
            "instanceof",
            "return",
            "if",
            "else",
            "for",
            "while",
            "do",
            "break",
            "continue",
            "switch",
            "case",
            "default",
            "yield",
            "int",
            "long",
            "double",
            "float",
            "boolean",
            "char",
            "byte",
            "short",
            "void",
            "var",
            "final",
            // DRL: rule structure, attributes, conditional elements and operators
            "rule",
            "when",
            "then",
            "end",
            "salience",
            "no",
            "loop",
            "lock",
            "on",
            "active",
            "agenda",
            "group",
            "activation",
            "auto",
            "focus",
            "enabled",
            "effective",
            "expires",
            "date",
            "ruleflow",
            "dialect",
            "extends",
            "and",
            "or",
            "not",
            "exists",
            "forall",
            "from",
            "collect",
            "accumulate",
            "eval",
            "entry",
            "point",
            "init",
            "action",
            "reverse",
            "result",
            "in",
            "contains",
            "excludes",
            "memberOf",
            "matches",
            "soundslike",
            "str",
            "startsWith",
            "endsWith",
            "length",
            "function",
            "declare",
            "count",
            "sum",
            "min",
            "max",
            "average",
            "collectList",
            "collectSet");

    /** Words that are never rule code, with what they would open. */
    private static final Map<String, String> REFUSED_WORDS = Map.ofEntries(
            Map.entry("class", "reflection"),
            Map.entry("super", "the parent class"),
            Map.entry("synchronized", "threads"),
            Map.entry("native", "native code"),
            Map.entry("static", "static members"),
            Map.entry("interface", "new types"),
            Map.entry("enum", "new types"),
            Map.entry("implements", "new types"),
            Map.entry("throws", "exceptions"),
            Map.entry("throw", "exceptions"),
            Map.entry("try", "exceptions"),
            Map.entry("catch", "exceptions"),
            Map.entry("finally", "exceptions"),
            Map.entry("assert", "assertions"),
            Map.entry("public", "new types"),
            Map.entry("private", "new types"),
            Map.entry("protected", "new types"),
            Map.entry("volatile", "threads"),
            Map.entry("transient", "serialisation"),
            Map.entry("drools", "the engine itself"));

    private static final Set<String> RULE_ATTRIBUTES = Set.of(
            "salience",
            "no-loop",
            "lock-on-active",
            "agenda-group",
            "activation-group",
            "auto-focus",
            "ruleflow-group",
            "date-effective",
            "date-expires",
            "enabled",
            "dialect");

    private static final Set<Class<?>> CONDITIONS = Set.of(
            AndDescr.class,
            OrDescr.class,
            NotDescr.class,
            ExistsDescr.class,
            ForallDescr.class,
            EvalDescr.class,
            PatternDescr.class,
            FromDescr.class,
            CollectDescr.class,
            AccumulateDescr.class,
            ExprConstraintDescr.class,
            BindingDescr.class,
            EntryPointDescr.class,
            MVELExprDescr.class);

    private static final Set<String> ANNOTATIONS = Set.of("description", "source");

    private static final Set<String> ACCUMULATE_FUNCTIONS =
            Set.of("count", "sum", "min", "max", "average", "collectList", "collectSet");

    private final RuleCodeAllowList allow = RuleCodeAllowList.get();
    private final List<Finding> findings = new ArrayList<>();
    private final Set<String> declared = new HashSet<>();
    private String[] lines = new String[0];
    private final JavaParser java = new JavaParser(new ParserConfiguration()
            .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
            .setPreprocessUnicodeEscapes(false));

    private final Set<String> functions;

    private RuleCodeCheck(Set<String> functions) {
        this.functions = functions;
        declared.addAll(functions);
    }

    /** Every refusal in a DRL text on its own; empty when every name it uses is allowed. */
    static List<Finding> check(String drl) {
        return checkAll(Map.of("", drl)).get("");
    }

    /** Every refusal in each of a rule set's DRL texts (path → text), which may call the functions the others define. */
    static Map<String, List<Finding>> checkAll(Map<String, String> drlByPath) {
        Set<String> functions = new TreeSet<>();
        drlByPath
                .values()
                .forEach(drl -> functions.addAll(FUNCTIONS.computeIfAbsent(key("", drl), k -> functionsOf(drl))));
        Map<String, List<Finding>> findings = new TreeMap<>();
        drlByPath.forEach((path, drl) ->
                findings.put(path, CHECKED.computeIfAbsent(key(functions.toString(), drl), k -> {
                    RuleCodeCheck check = new RuleCodeCheck(functions);
                    check.run(drl);
                    return List.copyOf(check.findings);
                })));
        return findings;
    }

    /** The functions a file defines: a function may be called from any file of its package. */
    private static Set<String> functionsOf(String drl) {
        try {
            PackageDescr pkg = new DrlParser().parse(false, drl);
            return pkg == null
                    ? Set.of()
                    : pkg.getFunctions().stream().map(FunctionDescr::getName).collect(Collectors.toUnmodifiableSet());
        } catch (DroolsParserException | RuntimeException e) {
            return Set.of(); // reported when the file itself is checked
        }
    }

    private static final Map<String, Set<String>> FUNCTIONS = lru();

    /**
     * The check is a function of the text and the rule set's function names alone, so a reload checks again only
     * the files that changed (checking every file costs about as much as the compile of one).
     */
    private static final Map<String, List<Finding>> CHECKED = lru();

    private static <V> Map<String, V> lru() {
        return Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > 1024;
            }
        });
    }

    private static String key(String signature, String drl) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(signature.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(drl.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void run(String drl) {
        lines = drl.split("\n", -1);
        unicodeEscapes(drl);
        List<Token> tokens = lex(drl);
        if (!findings.isEmpty()) {
            return;
        }
        PackageDescr pkg;
        try {
            DrlParser parser = new DrlParser();
            pkg = parser.parse(false, drl);
            if (parser.hasErrors() || pkg == null) {
                for (DroolsError error : parser.getErrors()) {
                    int line = error instanceof ParserError p
                            ? p.getRow()
                            : error.getLines().length > 0 ? error.getLines()[0] : 0;
                    findings.add(new Finding(line, null, "the rule file does not parse: " + error.getMessage()));
                }
                if (findings.isEmpty()) {
                    findings.add(new Finding(0, null, "the rule file does not parse"));
                }
                return;
            }
        } catch (DroolsParserException | RuntimeException e) {
            findings.add(new Finding(0, null, "the rule file does not parse: " + e.getMessage()));
            return;
        }
        structure(pkg);
        names(tokens);
    }

    // --- 1. unicode escapes: the Java compiler reads \u0053ystem as System, even inside a string or a comment

    private void unicodeEscapes(String text) {
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            } else if (c == '\\') {
                int run = 0;
                while (i + run < text.length() && text.charAt(i + run) == '\\') {
                    run++;
                }
                // an odd run of backslashes followed by u is an escape (\\u is an escaped backslash and a u)
                if (run % 2 == 1 && i + run < text.length() && text.charAt(i + run) == 'u') {
                    findings.add(new Finding(
                            line, "\\u", "unicode escapes are not allowed in rule code (write the character itself)"));
                }
                i += run - 1;
            }
        }
    }

    // --- 2. tokens: comments dropped, strings kept whole, every identifier with its line

    private List<Token> lex(String text) {
        List<Token> tokens = new ArrayList<>();
        int line = 1;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (text.startsWith("//", i)) {
                while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    i++;
                }
            } else if (text.startsWith("\"\"\"", i)) {
                findings.add(new Finding(
                        line, "\"\"\"", "text blocks are not allowed in rule code: write a string on one line"));
                return tokens;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    findings.add(new Finding(line, null, "a comment is not closed"));
                    return tokens;
                }
                line += count(text, i, end, '\n');
                i = end + 2;
            } else if (c == '"' || c == '\'') {
                int start = i;
                int startLine = line;
                i++;
                while (i < text.length() && text.charAt(i) != c) {
                    if (text.charAt(i) == '\\') {
                        i++;
                    }
                    if (i < text.length() && text.charAt(i) == '\n') {
                        line++;
                    }
                    i++;
                }
                if (i >= text.length()) {
                    findings.add(new Finding(startLine, null, "a string is not closed"));
                    return tokens;
                }
                i++;
                tokens.add(new Token(Kind.STRING, text.substring(start, i), startLine));
            } else if (Character.isJavaIdentifierStart(c) || (c > 0x7f && Character.isJavaIdentifierPart(c))) {
                int start = i;
                while (i < text.length() && Character.isJavaIdentifierPart(text.charAt(i))) {
                    i++;
                }
                String name = text.substring(start, i);
                if (!name.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
                    // Java ignores some characters inside names (ja\u200Bva is java): names are plain ASCII
                    findings.add(new Finding(line, name, "names in rule code must be plain letters, digits, _ and $"));
                }
                tokens.add(new Token(Kind.IDENT, name, line));
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < text.length()
                        && (Character.isLetterOrDigit(text.charAt(i))
                                || text.charAt(i) == '_'
                                || (text.charAt(i) == '.'
                                        && i + 1 < text.length()
                                        && Character.isDigit(text.charAt(i + 1))))) {
                    i++;
                }
                tokens.add(new Token(Kind.NUMBER, text.substring(start, i), line));
            } else if (c == '\\' || c == '`' || c == '#' || c > 0x7f) {
                findings.add(new Finding(line, String.valueOf(c), "'" + c + "' is not allowed in rule code"));
                i++;
            } else {
                tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), line));
                i++;
            }
        }
        return tokens;
    }

    private static int count(String text, int from, int to, char c) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    // --- 3. structure: what the DRL parser found, against what a policy rule needs

    private void structure(PackageDescr pkg) {
        for (ImportDescr imp : pkg.getImports()) {
            if (!allow.isImport(imp.getTarget())) {
                findings.add(new Finding(
                        imp.getLine(),
                        imp.getTarget(),
                        "import of " + imp.getTarget() + " is not allowed: " + RuleCodeAllowList.allowedInWords()));
            }
        }
        pkg.getFunctionImports()
                .forEach(f -> findings.add(new Finding(
                        f.getLine(),
                        f.getTarget(),
                        "import function is not allowed: write the function in the rule file")));
        pkg.getAccumulateImports()
                .forEach(
                        a -> findings.add(
                                new Finding(
                                        a.getLine(),
                                        a.getTarget(),
                                        "import accumulate is not allowed: use count, sum, min, max, average, collectList or collectSet")));
        pkg.getGlobals()
                .forEach(g -> findings.add(new Finding(
                        g.getLine(),
                        g.getIdentifier(),
                        "globals are not allowed: a rule may use only the facts of the question")));
        pkg.getEnumDeclarations()
                .forEach(e -> findings.add(new Finding(
                        e.getLine(), e.getTypeName(), "declared enums are not allowed: add the values to a table")));
        pkg.getWindowDeclarations()
                .forEach(w ->
                        findings.add(new Finding(w.getLine(), w.getName(), "window declarations are not allowed")));
        if (pkg.getUnit() != null) {
            findings.add(new Finding(pkg.getUnit().getLine(), "unit", "rule units are not allowed"));
        }
        String root = pkg.getName().contains(".")
                ? pkg.getName().substring(0, pkg.getName().indexOf('.'))
                : pkg.getName();
        if (allow.isPackageRoot(root)) {
            findings.add(new Finding(
                    lineOf("package"),
                    pkg.getName(),
                    "the package " + pkg.getName() + " lies among "
                            + "Java's own packages: name rule packages after the rules folder (vetting.clearances)"));
        }
        pkg.getAttributes().forEach(this::attribute);
        // a declared type's fields would be names of the rule's own after a dot, and their initial values are
        // evaluated as MVEL while the rules compile: facts come from the fact model, values from tables
        pkg.getTypeDeclarations()
                .forEach(
                        type -> findings.add(
                                new Finding(
                                        type.getLine(),
                                        type.getTypeName(),
                                        "declared types are not allowed: rules use the fact types of uk.vda.policy, and tables for values")));
        for (FunctionDescr function : pkg.getFunctions()) {
            declared.add(function.getName());
            declared.addAll(function.getParameterNames());
            type(function.getLine(), function.getReturnType());
            function.getParameterTypes().forEach(t -> type(function.getLine(), t));
            javaBlock(function.getBody(), function.getLine(), "function " + function.getName());
        }
        for (RuleDescr rule : pkg.getRules()) {
            if (rule instanceof QueryDescr) {
                findings.add(new Finding(rule.getLine(), rule.getName(), "queries are not allowed"));
                continue;
            }
            rule.getAttributes().values().forEach(this::attribute);
            rule.getAnnotations().forEach(this::annotation);
            condition(rule.getLhs());
            if (rule.getConsequence() instanceof String code) {
                javaBlock(code, rule.getConsequenceLine(), "rule \"" + rule.getName() + "\"");
            }
            rule.getNamedConsequences()
                    .values()
                    .forEach(code -> javaBlock(
                            String.valueOf(code), rule.getConsequenceLine(), "rule \"" + rule.getName() + "\""));
        }
    }

    private void attribute(AttributeDescr attribute) {
        if (!RULE_ATTRIBUTES.contains(attribute.getName())) {
            findings.add(new Finding(
                    attribute.getLine(),
                    attribute.getName(),
                    "the attribute " + attribute.getName() + " is not allowed (allowed: "
                            + String.join(", ", new TreeSet<>(RULE_ATTRIBUTES)) + ")"));
        } else if (attribute.getName().equals("salience")
                && !attribute.getValue().strip().matches("-?\\d{1,9}")) {
            findings.add(new Finding(attribute.getLine(), attribute.getValue(), "salience must be a whole number"));
        } else if (attribute.getName().equals("enabled")
                && !attribute.getValue().strip().matches("true|false")) {
            findings.add(new Finding(attribute.getLine(), attribute.getValue(), "enabled must be true or false"));
        } else if (attribute.getName().equals("dialect") && !"java".equals(attribute.getValue())) {
            findings.add(new Finding(
                    attribute.getLine(),
                    attribute.getValue(),
                    "only the java dialect is allowed: the mvel dialect interprets code the sandbox does not read"));
        }
    }

    /**
     * Only {@code @description} and {@code @source}, and their values are data: a string or a number, never an
     * expression (Drools evaluates a value as MVEL, and resolves other annotation names to classes).
     */
    private void annotation(AnnotationDescr annotation) {
        if (!ANNOTATIONS.contains(annotation.getName())) {
            findings.add(new Finding(
                    lineOf(annotation),
                    "@" + annotation.getName(),
                    "only @description and @source " + "may annotate rule code"));
        }
        for (Object written : annotation.getValueMap().values()) {
            // Drools evaluates an annotation's value as MVEL: exactly one literal, or it is code
            List<Token> value = lex(String.valueOf(written).strip());
            boolean literal = value.size() == 1
                    && (value.get(0).kind() == Kind.STRING
                            || value.get(0).kind() == Kind.NUMBER
                            || value.get(0).text().equals("true")
                            || value.get(0).text().equals("false"));
            if (!literal) {
                findings.add(new Finding(
                        lineOf(annotation),
                        "@" + annotation.getName(),
                        "the value of @" + annotation.getName()
                                + " must be a quoted text or a number, not an expression"));
            }
        }
    }

    /** The first line that starts with a word (package, import …), for findings the parser gives no line. */
    private int lineOf(String word) {
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().startsWith(word)) {
                return i + 1;
            }
        }
        return 1;
    }

    private static boolean isJavaLang(String name) {
        try {
            Class.forName("java.lang." + name, false, ClassLoader.getPlatformClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The parser gives no line for some annotations: the first line that has it. */
    private int lineOf(AnnotationDescr annotation) {
        if (annotation.getLine() > 0) {
            return annotation.getLine();
        }
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("@" + annotation.getName())) {
                return i + 1;
            }
        }
        return 0;
    }

    private void type(int line, String type) {
        if (type == null) {
            return;
        }
        String base = type.replaceAll("<.*>", "").replace("[]", "").strip();
        if (!(base.isEmpty() || base.equals("void") || KEYWORDS.contains(base) || allow.isType(base))) {
            findings.add(new Finding(line, base, base + " is not allowed: " + RuleCodeAllowList.allowedInWords()));
        }
    }

    private void condition(BaseDescr descr) {
        if (descr == null) {
            return;
        }
        if (!CONDITIONS.contains(descr.getClass())) {
            findings.add(new Finding(
                    descr.getLine(),
                    descr.getClass().getSimpleName().replace("Descr", ""),
                    "this kind of condition is not allowed in rules"));
            return;
        }
        if (descr instanceof PatternDescr pattern) {
            if (pattern.isQuery()) {
                findings.add(new Finding(pattern.getLine(), pattern.getObjectType(), "queries are not allowed"));
            }
            if (!pattern.getBehaviors().isEmpty()) {
                findings.add(new Finding(pattern.getLine(), "over", "windows are not allowed"));
            }
            if (pattern.getIdentifier() != null) {
                declared.add(pattern.getIdentifier());
            }
            pattern.getAnnotations().forEach(this::annotation);
            type(pattern.getLine(), pattern.getObjectType());
            pattern.getDescrs().forEach(this::condition);
            condition(pattern.getSource());
        } else if (descr instanceof AccumulateDescr accumulate) {
            condition(accumulate.getInput());
            for (String code :
                    new String[] {accumulate.getInitCode(), accumulate.getActionCode(), accumulate.getReverseCode()}) {
                if (code != null) {
                    javaBlock(code, accumulate.getLine(), "accumulate");
                }
            }
            for (var function : accumulate.getFunctions()) {
                if (!ACCUMULATE_FUNCTIONS.contains(function.getFunction())) {
                    findings.add(new Finding(
                            accumulate.getLine(),
                            function.getFunction(),
                            "the accumulate function " + function.getFunction() + " is not allowed (allowed: "
                                    + String.join(", ", ACCUMULATE_FUNCTIONS) + ")"));
                }
                if (function.getBind() != null) {
                    declared.add(function.getBind());
                }
            }
        } else if (descr instanceof CollectDescr collect) {
            condition(collect.getInputPattern());
        } else if (descr instanceof ConditionalElementDescr element) {
            for (Object child : element.getDescrs()) {
                if (child instanceof BaseDescr d) {
                    condition(d);
                }
            }
        }
    }

    /** A consequence, function or accumulate block: plain Java, no new types, reflection, exceptions or monitors. */
    private void javaBlock(String code, int line, String where) {
        ParseResult<BlockStmt> parsed = java.parseBlock("{" + code + "\n}");
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            for (Problem problem : parsed.getProblems()) {
                int at = problem.getLocation()
                        .flatMap(l -> l.getBegin().getRange())
                        .map(r -> r.begin.line)
                        .orElse(1);
                findings.add(new Finding(
                        line + at - 1,
                        null,
                        where + " is not plain Java: "
                                + problem.getMessage().lines().findFirst().orElse("")));
            }
            return;
        }
        BlockStmt block = parsed.getResult().get();
        block.walk(Node.class, node -> {
            String refused = node instanceof ClassExpr || node instanceof LocalClassDeclarationStmt
                    ? "class"
                    : node instanceof SuperExpr
                            ? "super"
                            : node instanceof LocalRecordDeclarationStmt
                                    ? "record"
                                    : node instanceof SynchronizedStmt
                                            ? "synchronized"
                                            : node instanceof TryStmt
                                                    ? "try"
                                                    : node instanceof ThrowStmt
                                                            ? "throw"
                                                            : node instanceof LabeledStmt
                                                                    ? "label"
                                                                    : node instanceof ObjectCreationExpr o
                                                                                    && o.getAnonymousClassBody()
                                                                                            .isPresent()
                                                                            ? "new " + o.getTypeAsString() + "() {…}"
                                                                            : null;
            if (refused != null) {
                int at = node.getBegin().map(p -> p.line).orElse(1);
                findings.add(new Finding(line + at - 1, refused, "'" + refused + "' is not allowed in " + where));
            }
        });
        block.findAll(VariableDeclarator.class).forEach(v -> declared.add(v.getNameAsString()));
        block.findAll(Parameter.class).forEach(p -> declared.add(p.getNameAsString()));
        block.findAll(TypePatternExpr.class).forEach(p -> declared.add(p.getNameAsString()));
    }

    // --- 4. names: every identifier in the file, wherever it stands

    private void names(List<Token> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind() == Kind.IDENT
                    && i + 1 < tokens.size()
                    && is(tokens.get(i + 1), ":")
                    && !(i + 2 < tokens.size() && is(tokens.get(i + 2), ":"))) {
                declared.add(t.text()); // a binding, name : expression
            }
        }
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            Token previous = i > 0 ? tokens.get(i - 1) : null;
            if (t.kind() == Kind.IDENT
                    && (t.text().equals("package") || t.text().equals("import"))
                    && statementStart(previous)) {
                i = skipStatement(tokens, i); // checked from the parsed package
                continue;
            }
            if (is(t, "@")) {
                i = skipAnnotation(tokens, i);
                continue;
            }
            if (is(t, ".") && (i + 1 >= tokens.size() || tokens.get(i + 1).kind() != Kind.IDENT)) {
                // a dot is followed by a member's name: Drools' grouped accessor x.( … ) and the like would make the
                // names inside it look like names of their own
                findings.add(new Finding(
                        t.line(),
                        i + 1 < tokens.size() ? "." + tokens.get(i + 1).text() : ".",
                        "a '.' must be followed by a name (no grouped accessors x.( … ))"));
                continue;
            }
            if (t.kind() != Kind.IDENT) {
                continue;
            }
            int qualified = qualifiedType(tokens, i, previous);
            if (qualified > i) {
                i = qualified; // java.util.TreeSet: an allowed type by its full name
                continue;
            }
            String name = t.text();
            Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            String refusedWhy = REFUSED_WORDS.get(name);
            boolean member = previous != null
                    && (is(previous, ".") || (is(previous, ":") && i > 1 && is(tokens.get(i - 2), ":")));
            if (name.equals("Explain")
                    && !member
                    && discarded(previous)
                    && next != null
                    && is(next, ".")
                    && i + 2 < tokens.size()
                    && tokens.get(i + 2).kind() == Kind.IDENT) {
                // Explain only makes the fact: on its own line the note, refusal or requirement would be lost
                String verb = "Explain." + tokens.get(i + 2).text();
                findings.add(new Finding(
                        t.line(),
                        null,
                        verb + "(…) on its own puts nothing in the answer: write insertLogical(" + verb
                                + "(kcontext, …))"));
            }
            boolean ownName = !member
                    && declared.contains(name)
                    && !allow.isType(name)
                    && !allow.isMember(name)
                    && !KEYWORDS.contains(name)
                    && !RuleCodeAllowList.HELPERS.contains(name);
            if (!member && allow.isPackageRoot(name)) {
                // never a name of the rule's own: where it is not in scope Java reads java.nio… as the package
                findings.add(
                        new Finding(
                                t.line(),
                                name,
                                "'" + name + "' is the name of a package of Java classes and "
                                        + "cannot be used in rule code (choose another name; allowed classes are named as they are imported)"));
            } else if (ownName && RuleCodeAllowList.isReflective(name)) {
                // MVEL reads a bare name as a property, so a binding named getClass is the method getClass()
                findings.add(new Finding(
                        t.line(),
                        name,
                        "'" + name + "' is the name of a method of Java's Object or "
                                + "Class and cannot be a name of the rule's own"));
            } else if (ownName && next != null && is(next, "(") && !functions.contains(name)) {
                findings.add(new Finding(
                        t.line(),
                        name,
                        "'" + name + "(…)' calls a name that is a binding or variable, " + "not a method: "
                                + RuleCodeAllowList.allowedInWords()));
            } else if (ownName && (Character.isUpperCase(name.charAt(0)) || isJavaLang(name))) {
                // a name of the rule's own starts in lower case or with $: a capital could be a class the engine
                // imports
                findings.add(new Finding(
                        t.line(),
                        name,
                        "'" + name + "': a name of the rule's own (a binding, variable "
                                + "or parameter) must start with a lower-case letter or $"));
            } else if (refusedWhy != null) {
                findings.add(
                        new Finding(t.line(), name, "'" + name + "' is not allowed in rule code (" + refusedWhy + ")"));
            } else if (name.equals(RuleCodeAllowList.CONTEXT)) {
                if (next != null && (is(next, ".") || is(next, ":"))) {
                    findings.add(new Finding(t.line(), name, "kcontext may only be passed to Explain, not used"));
                }
            } else if (member) {
                // after a dot the receiver may be anything: only names of the allowed types' own members
                if (!allow.isMember(name)) {
                    findings.add(new Finding(
                            t.line(), name, "'" + name + "' is not allowed: " + RuleCodeAllowList.allowedInWords()));
                }
            } else if (!(KEYWORDS.contains(name)
                    || allow.isType(name)
                    || allow.isMember(name)
                    || RuleCodeAllowList.HELPERS.contains(name)
                    || declared.contains(name))) {
                findings.add(new Finding(
                        t.line(),
                        name,
                        name.startsWith("$")
                                ? "'" + name + "' is bound by no pattern " + "of the rule file"
                                : "'" + name + "' is not allowed: " + RuleCodeAllowList.allowedInWords()));
            } else if (name.equals("new")
                    && next != null
                    && next.kind() == Kind.IDENT
                    && qualifiedType(tokens, i + 1, t) == i + 1
                    && !(allow.isType(next.text()) || KEYWORDS.contains(next.text()))) {
                findings.add(new Finding(
                        next.line(),
                        next.text(),
                        "'new " + next.text() + "' is not allowed: " + RuleCodeAllowList.allowedInWords()));
                i++;
            }
        }
    }

    /** The index of the last token of an allowed type's full name starting at i, or i when there is none. */
    private int qualifiedType(List<Token> tokens, int i, Token previous) {
        if (previous != null && is(previous, ".")) {
            return i;
        }
        StringBuilder name = new StringBuilder(tokens.get(i).text());
        for (int j = i + 2;
                j < tokens.size() && is(tokens.get(j - 1), ".") && tokens.get(j).kind() == Kind.IDENT;
                j += 2) {
            name.append('.').append(tokens.get(j).text());
            if (allow.isQualifiedType(name.toString())) {
                return j;
            }
        }
        return i;
    }

    /** Whether a call after this token starts a statement of its own, its result thrown away. */
    private static boolean discarded(Token previous) {
        return previous == null
                || is(previous, ";")
                || is(previous, "{")
                || is(previous, "}")
                || is(previous, ")")
                || (previous.kind() == Kind.IDENT
                        && (previous.text().equals("then") || previous.text().equals("else")));
    }

    private static boolean statementStart(Token previous) {
        return previous == null
                || is(previous, ";")
                || is(previous, "}")
                || previous.kind() == Kind.STRING
                || previous.kind() == Kind.IDENT
                || previous.kind() == Kind.NUMBER;
    }

    /** The index of the last token of {@code package a.b;} or {@code import a.b.*;}: the dotted name, no further. */
    private static int skipStatement(List<Token> tokens, int i) {
        int j = i + 1;
        if (j < tokens.size() && tokens.get(j).kind() == Kind.IDENT) {
            while (j + 2 < tokens.size()
                    && is(tokens.get(j + 1), ".")
                    && (tokens.get(j + 2).kind() == Kind.IDENT || is(tokens.get(j + 2), "*"))) {
                j += 2;
            }
            if (j + 1 < tokens.size() && is(tokens.get(j + 1), ";")) {
                j++;
            }
            return j;
        }
        return i;
    }

    /** {@code @name} or {@code @name("text", key = "text")}: values were checked as literals from the parsed rule. */
    private int skipAnnotation(List<Token> tokens, int i) {
        int j = i + 1;
        if (j < tokens.size() && tokens.get(j).kind() == Kind.IDENT) {
            j++;
        }
        if (j < tokens.size() && is(tokens.get(j), "(")) {
            int depth = 0;
            for (; j < tokens.size(); j++) {
                Token t = tokens.get(j);
                if (is(t, "(")) {
                    depth++;
                } else if (is(t, ")") && --depth == 0) {
                    return j;
                } else if (!(t.kind() == Kind.STRING
                        || t.kind() == Kind.NUMBER
                        || is(t, ",")
                        || is(t, "=")
                        || (t.kind() == Kind.IDENT && j + 1 < tokens.size() && is(tokens.get(j + 1), "=")))) {
                    findings.add(new Finding(
                            t.line(), t.text(), "the value of an annotation must be a quoted text or a number"));
                }
            }
        }
        return j - 1;
    }

    private static boolean is(Token t, String symbol) {
        return t.kind() == Kind.SYMBOL && t.text().equals(symbol);
    }
}
