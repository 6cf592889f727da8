package uk.vda.engine;

import java.nio.file.Path;
import java.util.Map;

/** The rule set shipped in {@code rules/}, as the engine tests read it. */
final class ShippedRules {
    /** Every file of {@code rules/}, as relative path → content. */
    static final Map<String, String> FILES = RuleSetCompiler.read(Path.of("rules"));

    private ShippedRules() {}

    /**
     * How many packages the shipped rules compile into: one per rule file and per table template
     * ({@code RuleSetCompilerTest} checks that no two share one), so policy staff can add a file without
     * changing a Java test.
     */
    static int packages() {
        return (int) FILES.keySet().stream()
                .filter(path -> path.endsWith(".drl") || path.endsWith(".drt"))
                .count();
    }
}
