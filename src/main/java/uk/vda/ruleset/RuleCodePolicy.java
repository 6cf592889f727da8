package uk.vda.ruleset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import uk.vda.engine.RuleProblem;

/**
 * Rule code is code: DRL and templates uploaded over the API may import only the product's fact types and the
 * Java standard library's value types, and may not reach files, the network, processes, reflection, threads,
 * {@code System} or any class outside that list. A lexical check, line by line, before anything is compiled.
 */
final class RuleCodePolicy {
    private static final List<String> ALLOWED_IMPORTS = List.of("uk.vda.policy.", "uk.vda.engine.Explain",
            "java.util.", "java.time.", "java.math.");
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?([\\w.*]+)\\s*;?");
    private static final Pattern QUALIFIED = Pattern.compile("\\b((?:java|javax|jdk|sun|com|org|net|io|uk)\\.[\\w.]+)");
    private static final Pattern FORBIDDEN = Pattern.compile(
            "\\b(System|Runtime|ProcessBuilder|Process|Thread|ClassLoader|Class|Method|Field|Files|Paths|File|Socket|URL|URI|"
            + "HttpClient|Unsafe|MethodHandles|ScriptEngine|ObjectInputStream)\\b\\s*[.(:]|\\bgetClass\\s*\\(|\\bforName\\s*\\(|"
            + "\\bnew\\s+(File|Socket|URL|Thread|ProcessBuilder|FileInputStream|FileOutputStream|FileReader|FileWriter)\\b");

    private RuleCodePolicy() {
    }

    static List<RuleProblem> check(Map<String, String> uploaded) {
        List<RuleProblem> problems = new ArrayList<>();
        uploaded.forEach((path, content) -> {
            if (content == null || !(path.endsWith(".drl") || path.endsWith(".drt"))) {
                return;
            }
            String[] lines = content.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"").replaceAll("//.*$", "");
                Matcher imp = IMPORT.matcher(line);
                if (imp.find()) {
                    String imported = imp.group(2);
                    if (imp.group(1) != null || ALLOWED_IMPORTS.stream().noneMatch(imported::startsWith)) {
                        problems.add(new RuleProblem(path, i + 1, null, "import of " + imported + " is not allowed: rules may use "
                                + "the product's fact types (uk.vda.policy.*, uk.vda.engine.Explain) and java.util, java.time, java.math"));
                    }
                    continue;
                }
                Matcher qualified = QUALIFIED.matcher(line);
                while (qualified.find()) {
                    String name = qualified.group(1);
                    if (ALLOWED_IMPORTS.stream().noneMatch(name::startsWith)) {
                        problems.add(new RuleProblem(path, i + 1, null, name + " is not allowed in rules"));
                    }
                }
                Matcher forbidden = FORBIDDEN.matcher(line);
                if (forbidden.find()) {
                    problems.add(new RuleProblem(path, i + 1, null, "'" + forbidden.group().strip()
                            + "' is not allowed in rules: no files, network, processes, threads, reflection or System"));
                }
            }
        });
        return problems;
    }
}
