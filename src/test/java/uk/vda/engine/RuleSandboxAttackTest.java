package uk.vda.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The attack corpus: rule files and table rows an attacker with rule access would upload, each of which tries to
 * create a marker file (or read a file, start a process, reach the class loader). Every one must be refused with
 * the file, the line and the name refused, and the marker must not exist afterwards: nothing of it ran.
 */
class RuleSandboxAttackTest {
    private static final String HEADER =
            "package attacks;\n\nimport uk.vda.policy.*;\nimport uk.vda.engine.Explain;\n\n";
    private static Path marker;

    /** A rule file added to the shipped rules; {@code refused} is the name the refusal must give. */
    record Attack(String name, String drl, String refused) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A table cell (or schema or template line) changed in the shipped rules. */
    record TableAttack(
            String name, String path, String from, String to, String problemFile, String column, String says) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void marker() throws IOException {
        marker = Files.createTempDirectory("vda-attack").resolve("ran");
    }

    private static String rule(String when, String then) {
        return HEADER + "rule \"Attack\"\nwhen\n    " + when + "\nthen\n    " + then + "\nend\n";
    }

    private static String consequence(String code) {
        return rule("Document()", code);
    }

    static Stream<Attack> drlAttacks() {
        String touch = "java.nio.file.Files.writeString(java.nio.file.Path.of(\"MARK\"), \"x\");";
        return Stream.of(
                new Attack("qualified call to Files", consequence(touch), "java"),
                new Attack(
                        "comments inside a qualified name",
                        consequence(
                                "java/**/.nio/**/.file/**/.Files/**/.writeString(java.nio.file.Path.of(\"MARK\"), \"x\");"),
                        "java"),
                new Attack(
                        "a name split over lines",
                        consequence("java\n        .nio\n        .file.Files\n        .writeString("
                                + "java.nio.file.Path.of(\"MARK\"), \"x\");"),
                        "java"),
                new Attack(
                        "class loader from a fact type",
                        consequence("Document.class.getClassLoader().loadClass(\"java.lang.Runtime\");"),
                        "class"),
                new Attack("getClass on a fact", rule("$d: Document()", "$d.getClass().getClassLoader();"), "getClass"),
                new Attack("Class.forName", consequence("Class.forName(\"java.lang.Runtime\");"), "Class"),
                new Attack(
                        "Runtime.exec",
                        consequence("Runtime.getRuntime().exec(new String[] {\"touch\", \"MARK\"});"),
                        "Runtime"),
                new Attack(
                        "ProcessBuilder",
                        consequence("new ProcessBuilder(\"touch\", \"MARK\").start();"),
                        "ProcessBuilder"),
                new Attack("ProcessHandle", consequence("ProcessHandle.current().destroy();"), "ProcessHandle"),
                new Attack("a thread", consequence("new Thread(() -> {}).start();"), "Thread"),
                new Attack("System.exit", consequence("System.exit(0);"), "System"),
                new Attack("System.getenv", consequence("insert(System.getenv());"), "System"),
                new Attack("new java.io.File", consequence("new java.io.File(\"MARK\").createNewFile();"), "java"),
                new Attack(
                        "import of a file class",
                        HEADER.replace(
                                        "import uk.vda.engine.Explain;",
                                        "import uk.vda.engine.Explain;\nimport java.io.File;")
                                + "rule \"A\"\nwhen\nthen\n    new File(\"MARK\").createNewFile();\nend\n",
                        "java.io.File"),
                new Attack(
                        "wildcard import of java.nio.file",
                        HEADER.replace(
                                        "import uk.vda.engine.Explain;",
                                        "import uk.vda.engine.Explain;\nimport java.nio.file.*;")
                                + "rule \"A\"\nwhen\nthen\n    Files.writeString(Path.of(\"MARK\"), \"x\");\nend\n",
                        "java.nio.file.*"),
                new Attack(
                        "import of another service class",
                        HEADER.replace(
                                        "import uk.vda.engine.Explain;",
                                        "import uk.vda.engine.Explain;\nimport uk.vda.engine.RuleSetCompiler;")
                                + "rule \"A\"\nwhen\nthen\nend\n",
                        "uk.vda.engine.RuleSetCompiler"),
                new Attack(
                        "import function",
                        HEADER + "import function java.lang.System.exit;\n",
                        "java.lang.System.exit"),
                new Attack("a global", HEADER + "global java.lang.Runtime rt;\n", "rt"),
                new Attack(
                        "a function that calls out",
                        HEADER
                                + "function void evil() {\n    java.lang.Runtime.getRuntime().exec(\"touch MARK\");\n}\n",
                        "java"),
                new Attack(
                        "a function reading a property",
                        HEADER + "function String home() {\n    return System.getProperty(\"user.home\");\n}\n",
                        "System"),
                new Attack(
                        "a function returning a file",
                        HEADER + "function java.io.File evil() {\n    return null;\n}\n",
                        "java.io.File"),
                new Attack("unicode escape spelling System", consequence("\\u0053ystem.exit(0);"), "\\u"),
                new Attack(
                        "unicode escape closing a string",
                        consequence(
                                "String s = \"\\u0022; java.nio.file.Files.writeString(java.nio.file.Path.of(\\\"MARK\\\"), \\\"x\\\"); //\";"),
                        "\\u"),
                new Attack("unicode line break inside a comment", consequence("// \\u000a System.exit(0);"), "\\u"),
                new Attack("three backslashes and a u", consequence("String s = \"\\\\\\u0022\";"), "\\u"),
                new Attack("the mvel dialect", HEADER + "rule \"A\"\n    dialect \"mvel\"\nwhen\nthen\nend\n", "mvel"),
                new Attack("the mvel dialect for the package", HEADER + "dialect \"mvel\"\n", "mvel"),
                new Attack(
                        "a call in a constraint",
                        rule("Document(codeword != java.lang.System.getenv(\"X\"))", ""),
                        "java"),
                new Attack(
                        "eval creating a file", rule("eval(new java.io.File(\"MARK\").createNewFile())", ""), "java"),
                new Attack(
                        "from reading a file",
                        rule(
                                "String() from java.nio.file.Files.readAllLines(java.nio.file.Path.of(\"/etc/hostname\"))",
                                ""),
                        "java"),
                new Attack(
                        "accumulate with code",
                        rule(
                                "Number() from accumulate(Document(), init(Object o = System.getenv();), "
                                        + "action(), result(0))",
                                ""),
                        "Object"),
                new Attack("import accumulate", HEADER + "import accumulate org.evil.Fn evil;\n", "org.evil.Fn"),
                new Attack(
                        "an annotation value that starts and ends as a text",
                        HEADER
                                + "rule \"A\"\n    @description(\"a\" + new java.io.File(\"MARK\").createNewFile() + \"b\")\nwhen\nthen\nend\n",
                        "@description"),
                new Attack(
                        "an annotation value that is an expression",
                        HEADER
                                + "rule \"A\"\n    @source(java.lang.Runtime.getRuntime().exec(\"touch MARK\"))\nwhen\nthen\nend\n",
                        "@source"),
                new Attack(
                        "a salience expression that calls out",
                        HEADER
                                + "rule \"A\"\n    salience (java.lang.Runtime.getRuntime().availableProcessors())\nwhen\nthen\nend\n",
                        "java"),
                new Attack(
                        "an enabled expression that calls out",
                        HEADER + "rule \"A\"\n    enabled (System.getenv(\"X\") == null)\nwhen\nthen\nend\n",
                        "System"),
                new Attack("a timer", HEADER + "rule \"A\"\n    timer (int: 1s)\nwhen\nthen\nend\n", "timer"),
                new Attack(
                        "a declared type extending Thread",
                        HEADER + "declare Evil extends java.lang.Thread\nend\n",
                        "Evil"),
                new Attack(
                        "a declared type with a file field",
                        HEADER + "declare Evil\n    f : java.io.File\nend\n",
                        "Evil"),
                new Attack(
                        "the engine through kcontext",
                        consequence("kcontext.getKieRuntime().getKieBase();"),
                        "kcontext"),
                new Attack("the engine through drools", consequence("drools.getKieRuntime().halt();"), "drools"),
                new Attack(
                        "an anonymous class",
                        consequence("insert(new Object() { public String toString() { return \"\"; } });"),
                        "Object"),
                new Attack(
                        "a lambda that calls out",
                        consequence("java.util.List.of(1).forEach(x -> System.exit(0));"),
                        "System"),
                new Attack(
                        "a method reference to Runtime",
                        consequence("java.util.List.of(1).forEach(Runtime::getRuntime);"),
                        "Runtime"),
                new Attack("class as an mvel property", rule("Document(this.class.name != null)", ""), "class"),
                new Attack(
                        "getClass in a constraint",
                        rule("Document(codeword.getClass().getName() != null)", ""),
                        "getClass"),
                new Attack(
                        "getDeclaringClass of an enum constant",
                        consequence("VettingLevel.SC.getDeclaringClass().getClassLoader();"),
                        "getDeclaringClass"),
                new Attack(
                        "String.class.getMethod",
                        consequence("String.class.getMethod(\"valueOf\", Object.class);"),
                        "class"),
                new Attack(
                        "a script engine",
                        consequence("new javax.script.ScriptEngineManager().getEngineByName(\"js\");"),
                        "javax"),
                new Attack("MethodHandles", consequence("MethodHandles.lookup();"), "MethodHandles"),
                new Attack("try and catch", consequence("try { insert(1); } catch (Exception e) { }"), "try"),
                new Attack("synchronized", consequence("synchronized (this) { insert(1); }"), "synchronized"),
                new Attack("throw", consequence("throw new IllegalStateException();"), "throw"),
                new Attack("a local class", consequence("class X { }"), "class"),
                new Attack("a query", HEADER + "query evil()\n    Document()\nend\n", "evil"),
                new Attack(
                        "a modify block (not plain Java)",
                        rule("$d: Document()", "modify($d) { setTitle(\"x\") };"),
                        null),
                new Attack(
                        "a stream to reach a collector",
                        consequence("java.util.List.of(1).stream().toList();"),
                        "stream"),
                new Attack(
                        "an annotation Drools would resolve to a class",
                        HEADER + "rule \"A\"\n    @java.lang.Deprecated(\"x\")\nwhen\nthen\nend\n",
                        "@java.lang.Deprecated"),
                new Attack("a backtick", consequence("String s = `x`;"), "`"),
                // found by the red team: names a rule declares that Java reads as packages where they are not in scope
                new Attack(
                        "labels named like packages",
                        consequence("java: nio: file: Files: writeString: Path: ;\n    " + touch),
                        "java"),
                new Attack(
                        "bindings named like packages in another rule",
                        HEADER
                                + "rule \"Bind\"\nwhen\n    Document(java : id, nio : id, file : id)\nthen\nend\n\n"
                                + "rule \"Use\"\nwhen\nthen\n    " + touch + "\nend\n",
                        "java"),
                new Attack(
                        "declared fields named like packages",
                        HEADER + "declare Thing\n    java : int\n    nio : int\nend\n\n"
                                + "rule \"Use\"\nwhen\nthen\n    " + touch + "\nend\n",
                        "java"),
                new Attack(
                        "a rule on the line of an import",
                        "package attacks;\n\nimport uk.vda.policy.* rule \"Imp\" when then " + touch + "\nend\n",
                        "java"),
                new Attack(
                        "a rule on the line of the package",
                        "package attacks rule \"Pkg\" when then " + touch + "\nend\n",
                        "java"),
                new Attack(
                        "a text block hiding code",
                        consequence("String p = \"MARK\";\n    String a = \"\"\"\n        x \" size\"\"\";  "
                                + "java.nio.file.Files.writeString(java.nio.file.Path.of(p), p); // \""),
                        "\"\"\""),
                new Attack(
                        "a package among Java's own",
                        "package java.nio.file;\n\ndeclare Marker\nend\n",
                        "java.nio.file"),
                new Attack(
                        "a name with a character Java ignores",
                        consequence("String ja\u200bva = \"x\";"),
                        "ja\u200bva"),
                new Attack("a local named like a Java class", consequence("String Runtime = \"x\";"), "Runtime"),
                new Attack(
                        "a system property through Integer",
                        consequence("insert(Integer.getInteger(\"user.home\"));"),
                        "getInteger"),
                new Attack(
                        "other threads through Arrays",
                        consequence("java.util.Arrays.parallelSetAll(new int[1], i -> 1);"),
                        "parallelSetAll"),
                // found by the second red-team pass: names of the rule's own taken as members after a dot
                new Attack(
                        "locals named like reflection methods",
                        consequence(
                                "int getClass = 0, forName = 0, getMethod = 0, invoke = 0; "
                                        + "var rt = \"x\".getClass().forName(\"java.lang.Runtime\").getMethod(\"getRuntime\").invoke(null);"),
                        "forName"),
                new Attack(
                        "a declared type whose fields are named like reflection methods",
                        HEADER + "declare Names\n    getClass : int\n    forName : int\nend\n",
                        "Names"),
                new Attack(
                        "a declared field's initial value, evaluated while compiling",
                        HEADER
                                + "declare Thing\n    x : String = \"x\".getClass().forName(\"java.lang.Runtime\").getMethod(\"getRuntime\").invoke(null)\nend\n",
                        "Thing"),
                new Attack(
                        "bindings named like reflection methods in a constraint",
                        rule(
                                "Evaluation(getClass : asOf, forName : asOf) "
                                        + "Evaluation(\"x\".getClass().forName(\"java.lang.Runtime\") != null)",
                                ""),
                        "forName"),
                new Attack(
                        "a from expression with the names as labels",
                        rule(
                                "String() from \"x\".getClass().forName(\"java.lang.Runtime\").toString()",
                                "getClass: forName: ;"),
                        "getClass"),
                new Attack(
                        "the engine's class as a label",
                        consequence("KnowledgeHelper: getProjectClassLoader: ;\n    "
                                + "var loader = ((KnowledgeHelper) kcontext).getProjectClassLoader();"),
                        "KnowledgeHelper"),
                new Attack(
                        "a salience that is an expression",
                        HEADER + "rule \"A\"\n    salience ($x)\nwhen\nthen\nend\n",
                        "($x)"),
                new Attack("a dollar name nobody bound", consequence("insert($e__Handle__);"), "$e__Handle__"),
                new Attack(
                        "a member reached through ::",
                        consequence("java.util.List.of(\"x\").forEach(String::getClass);"),
                        "getClass"),
                // found by the third red-team pass: Drools' grouped accessor x.( … ) hid member names behind a '('
                new Attack(
                        "a grouped accessor hiding reflection names",
                        rule(
                                "Evaluation(getClass : asOf, forName : asOf)\n    "
                                        + "Evaluation( this.( getClass.( forName(\"java.lang.Runtime\") != null ) ) )",
                                ""),
                        "getClass"),
                new Attack(
                        "a binding calling getClass through MVEL",
                        rule("Evaluation(gc : asOf) Evaluation( $k : gc() )", ""),
                        "gc"),
                new Attack(
                        "a control character Java ignores inside a name",
                        consequence("String j\u0001ava = \"x\";"),
                        "j\u0001ava"),
                new Attack("a comment ended by a lone carriage return", consequence("// note\r" + touch), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("drlAttacks")
    void shouldRefuseRuleCodeThatReachesOutsideTheSandbox(Attack attack) {
        String drl = attack.drl().replace("MARK", marker.toString());
        Map<String, String> files = new TreeMap<>(ShippedRules.FILES);
        files.put("attacks/attack.drl", drl);

        assertThatThrownBy(() -> RuleSetCompiler.compile("rules", files))
                .isInstanceOfSatisfying(RuleSetException.class, e -> {
                    assertThat(e.problems())
                            .isNotEmpty()
                            .allSatisfy(p -> assertThat(p.file()).isEqualTo("attacks/attack.drl"));
                    RuleProblem first = e.problems().get(0);
                    assertThat(first.line()).as("line of %s", first).isGreaterThan(0);
                    if (attack.refused() != null) {
                        assertThat(e.problems()).as("refused name").anySatisfy(p -> {
                            assertThat(p.message()).contains("[refused: " + attack.refused() + "]");
                            assertThat(p.line()).isEqualTo(lineOf(drl, attack.refused()));
                        });
                    } else {
                        assertThat(first.message()).containsAnyOf("is not plain Java", "the rule file does not parse");
                    }
                });
        assertThat(marker).as("nothing of the attack ran").doesNotExist();
    }

    static Stream<Map<String, String>> twoFileAttacks() {
        String rule =
                "package attacks;\n\nimport uk.vda.policy.*;\nimport java.nio.file.Files;\nimport java.nio.file.Path;\n\n"
                        + "rule \"Copy\"\nwhen\nthen\n    Files.copy(Path.of(\"/etc/hostname\"), Path.of(\"MARK\"));\nend\n";
        return Stream.of(
                Map.of(
                        "attacks/a-types.drl",
                        "package java.nio.file;\n\ndeclare Files\nend\n\ndeclare Path\nend\n",
                        "attacks/b-rule.drl",
                        rule),
                Map.of(
                        "attacks/a-types.drl",
                        "package java.beans;\n\ndeclare Expression\nend\n",
                        "attacks/b-rule.drl",
                        "package attacks;\n\nimport java.beans.Expression;\n\nrule \"Exec\"\nwhen\nthen\n"
                                + "    var p = new Expression(\"x\", \"getClass\", new String[0]).getValue();\nend\n"),
                Map.of(
                        "attacks/a-types.drl",
                        "package java.io;\n\ndeclare FileOutputStream\nend\n",
                        "attacks/b-rule.drl",
                        "package attacks;\n\nimport java.io.FileOutputStream;\n\nrule \"Write\"\nwhen\nthen\n"
                                + "    new FileOutputStream(\"MARK\");\nend\n"));
    }

    /** Found by the red team: a type 'declared' in a JDK package is the JDK's own class, importable by name. */
    @ParameterizedTest
    @MethodSource("twoFileAttacks")
    void shouldRefuseDeclaringTypesAmongJavasOwnPackages(Map<String, String> attack) {
        Map<String, String> files = new TreeMap<>(ShippedRules.FILES);
        attack.forEach((path, drl) -> files.put(path, drl.replace("MARK", marker.toString())));

        assertThatThrownBy(() -> RuleSetCompiler.compile("rules", files))
                .isInstanceOfSatisfying(RuleSetException.class, e -> {
                    assertThat(e.problems()).anySatisfy(p -> {
                        assertThat(p.file()).isEqualTo("attacks/a-types.drl");
                        assertThat(p.line()).isEqualTo(1);
                        assertThat(p.message()).contains("lies among Java's own packages");
                    });
                    assertThat(e.problems()).anySatisfy(p -> {
                        assertThat(p.file()).isEqualTo("attacks/b-rule.drl");
                        assertThat(p.message()).contains("import of java.");
                    });
                });
        assertThat(marker).as("nothing of the attack ran").doesNotExist();
    }

    /** The line of the first mention of a refused name (for 'mvel' and '@source', where they stand). */
    private static int lineOf(String text, String name) {
        String[] lines = text.split("\n", -1);
        boolean word = Character.isJavaIdentifierStart(name.charAt(0));
        Pattern pattern =
                Pattern.compile((word ? "(?<![\\w$])" : "") + Pattern.quote(name) + (word ? "(?![\\w$])" : ""));
        for (int i = 0; i < lines.length; i++) {
            Matcher m = pattern.matcher(lines[i]);
            if (m.find() && !HEADER.contains(lines[i] + "\n")) {
                return i + 1;
            }
        }
        throw new AssertionError(name + " is not in the attack");
    }

    private static int lineContaining(String text, String part) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(part)) {
                return i + 1;
            }
        }
        throw new AssertionError(part + " is not in the table");
    }

    static Stream<TableAttack> tableAttacks() {
        String touch = "java.nio.file.Files.writeString(java.nio.file.Path.of(\"MARK\"), \"x\")";
        return Stream.of(
                new TableAttack(
                        "code in an enum cell, written unquoted by the template",
                        "vetting/minimum-vetting.csv",
                        "SECRET,REGULAR,ANY,SC,",
                        "SECRET,REGULAR,ANY,\"SC)); " + touch
                                + "; insertLogical(Explain.requires(kcontext, VettingLevel.SC\",",
                        "vetting/minimum-vetting.csv",
                        "requires",
                        "is not one of NONE, BPSS"),
                new TableAttack(
                        "code in a marking cell",
                        "vetting/minimum-vetting.csv",
                        "SECRET,REGULAR,ANY,SC,",
                        "SECRET || true,REGULAR,ANY,SC,",
                        "vetting/minimum-vetting.csv",
                        "marking",
                        "is not one of NOT_PROTECTIVELY_MARKED"),
                new TableAttack(
                        "code in a list of countries",
                        "caveats/caveats.csv",
                        "UK_EYES_ONLY,GB,",
                        "UK_EYES_ONLY,\"GB\"\"); " + touch + "; (\"\"\",",
                        "caveats/caveats.csv",
                        "nationalities[]",
                        "is not a two-letter country code"),
                new TableAttack(
                        "code in a number",
                        "assessment/vetting-costs.csv",
                        "SC,50,",
                        "SC,\"50); " + touch.replace("\"", "") + "; (0\",",
                        "assessment/vetting-costs.csv",
                        "costMin",
                        "is not a whole number"),
                new TableAttack(
                        "code in a role name",
                        "needtoknow/need-to-know.csv",
                        "NEPO,",
                        "\"NEPO\"\")); System.exit(0); //\",",
                        "needtoknow/need-to-know.csv",
                        "role",
                        "is not a name in capitals"),
                new TableAttack(
                        "a category that is not one",
                        "needtoknow/need-to-know.csv",
                        "CTLP_PARTNER; NEIGHBOURHOOD_PROFILE",
                        "CTLP_PARTNER; System.exit(0)",
                        "needtoknow/need-to-know.csv",
                        "categories[]",
                        "is not one of CTLP_FULL"),
                new TableAttack(
                        "a line break smuggled into free text",
                        "vetting/minimum-vetting.csv",
                        "Regular, unsupervised access to SECRET material needs SC.",
                        "needs SC.\u0001",
                        "vetting/minimum-vetting.csv",
                        "explanation",
                        "is not text on one line"),
                new TableAttack(
                        "a column type turned to free text, so the template would write it unquoted",
                        "vetting/minimum-vetting.columns.csv",
                        "requires,VettingLevel",
                        "requires,TEXT",
                        "vetting/minimum-vetting.drt",
                        null,
                        "@{requires} is free text (TEXT): it may stand only inside double quotes"),
                new TableAttack(
                        "a column type with code in it",
                        "vetting/minimum-vetting.columns.csv",
                        "requires,VettingLevel",
                        "requires,VettingLevel|SC); System.exit(0",
                        "vetting/minimum-vetting.columns.csv",
                        "type",
                        "is not a type"),
                new TableAttack(
                        "a table without column types",
                        "vetting/minimum-vetting.columns.csv",
                        "column,type",
                        "columns,types",
                        "vetting/minimum-vetting.columns.csv",
                        "column",
                        "is not a column of vetting/minimum-vetting.csv"),
                new TableAttack(
                        "free text placed outside quotes by a template",
                        "vetting/minimum-vetting.drt",
                        "insertLogical(Explain.note(kcontext, \"@{explanation}\"));",
                        "insertLogical(Explain.note(kcontext, @{explanation}));",
                        "vetting/minimum-vetting.drt",
                        null,
                        "@{explanation} is free text"),
                new TableAttack(
                        "free text made to look quoted by quotes in comments",
                        "vetting/minimum-vetting.drt",
                        "insertLogical(Explain.note(kcontext, \"@{explanation}\"));",
                        "/* \" */ insertLogical(Explain.note(kcontext, @{explanation})); // \"",
                        "vetting/minimum-vetting.drt",
                        null,
                        "@{explanation} is free text"),
                new TableAttack(
                        "a list placed inside quotes by a template",
                        "caveats/caveats.drt",
                        "not String(this in (@{nationalities}))",
                        "not String(this in (\"@{nationalities}\"))",
                        "caveats/caveats.drt",
                        null,
                        "@{nationalities} is a list"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tableAttacks")
    void shouldRefuseTableCellsThatAreNotOfTheirColumnsType(TableAttack attack) {
        Map<String, String> files =
                shippedWith(attack.path(), attack.from(), attack.to().replace("MARK", marker.toString()));

        assertThatThrownBy(() -> RuleSetCompiler.compile("rules", files))
                .isInstanceOfSatisfying(
                        RuleSetException.class,
                        e -> assertThat(e.problems()).anySatisfy(p -> {
                            assertThat(p.file()).isEqualTo(attack.problemFile());
                            assertThat(p.column()).isEqualTo(attack.column());
                            assertThat(p.message()).contains(attack.says());
                            if (attack.problemFile().equals(attack.path())
                                    && !attack.path().endsWith(".columns.csv")) {
                                assertThat(p.line())
                                        .isEqualTo(lineContaining(
                                                files.get(attack.path()),
                                                attack.to().replace("MARK", marker.toString())));
                            }
                        }));
        assertThat(marker).as("nothing of the attack ran").doesNotExist();
    }

    @Test
    void shouldCarryQuotesAndBackslashesInFreeTextAsTextNotCode() {
        String text = "Needs SC\"); System.exit(0); insert(\"\\u0022 and \\\\ too";
        Map<String, String> files = shippedWith(
                "vetting/minimum-vetting.csv",
                "\"Regular, unsupervised access to SECRET material needs SC.\"",
                "\"" + text.replace("\"", "\"\"") + "\"");

        var compiled = RuleSetCompiler.compile("rules", files);

        assertThat(compiled.ruleSet().rules())
                .filteredOn(r -> r.name().equals("MinimumVetting_SECRET_REGULAR_ANY"))
                .singleElement()
                .satisfies(r -> assertThat(r.description()).isEqualTo(text));
    }

    @Test
    void shouldPassTheShippedRulesThroughTheSameCheck() {
        ShippedRules.FILES.forEach((path, content) -> {
            if (path.endsWith(".drl")) {
                assertThat(RuleCodeCheck.check(content)).as(path).isEmpty();
            }
        });
        assertThat(RuleSetCompiler.compile("rules", ShippedRules.FILES)
                        .ruleSet()
                        .rules())
                .isNotEmpty();
    }

    @Test
    void shouldAcceptOrdinaryRuleCodeAPolicyOfficerWouldWrite() {
        Map<String, String> files = new TreeMap<>(ShippedRules.FILES);
        files.put("extra/score.drl", "package extra.score;\n\nfunction int twice(int n) {\n    return n * 2;\n}\n");
        files.put(
                "extra/use.drl",
                "package extra.score;\n\nimport uk.vda.policy.*;\nimport uk.vda.engine.Explain;\n\n"
                        + "rule \"NoteTheCaveats\"\n    @description(\"A harmless rule: a function, locals, a lambda, a qualified type.\")\n"
                        + "    salience 5\nwhen\n    $d: Document($caveats: caveats, !caveats.isEmpty())\nthen\n"
                        + "    int record = twice($caveats.size());\n"
                        + "    String unit = String.format(\"%d caveats\", record);\n"
                        + "    java.util.List<String> sorted = new java.util.ArrayList<>(new java.util.TreeSet<>($caveats));\n"
                        + "    sorted.removeIf(c -> c.isBlank());\n"
                        + "    insertLogical(Explain.note(kcontext, unit + \": \" + String.join(\", \", sorted)));\nend\n");

        var compiled = RuleSetCompiler.compile("rules", files);

        assertThat(compiled.ruleSet().rules()).extracting(RuleInfo::name).contains("NoteTheCaveats");
    }

    @Test
    void shouldHaveAtLeastFortyAttacksInTheCorpus() {
        assertThat(drlAttacks().count() + tableAttacks().count()).isGreaterThanOrEqualTo(40);
        assertThat(drlAttacks().map(Attack::name).distinct().count())
                .isEqualTo(drlAttacks().count());
    }

    private static Map<String, String> shippedWith(String path, String from, String to) {
        Map<String, String> files = new TreeMap<>(ShippedRules.FILES);
        String original = files.get(path);
        assertThat(original).as(path).contains(from);
        files.put(path, original.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to)));
        return files;
    }
}
