package uk.vda.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Compiling rule sets, and what policy staff are told when one is broken. */
class RuleSetCompilerTest {
    private static final Map<String, String> SHIPPED = ShippedRules.FILES;

    private static Map<String, String> shippedWith(String path, String from, String to) {
        Map<String, String> files = new TreeMap<>(SHIPPED);
        String original = files.get(path);
        assertThat(original).as(path).contains(from);
        files.put(path, original.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to)));
        return files;
    }

    private static int lineOf(String path, String text) {
        String[] lines = SHIPPED.get(path).split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + path);
    }

    @Test
    void shouldGiveEveryShippedRuleFileAndTemplateAPackageOfItsOwn() {
        // a reload compiles again every file of the changed file's package (rules/README.md, "One package per file")
        Pattern pkg = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
        Map<String, List<String>> filesByPackage = new TreeMap<>();
        SHIPPED.forEach((path, text) -> {
            if (path.endsWith(".drl") || path.endsWith(".drt")) {
                Matcher m = pkg.matcher(text);
                assertThat(m.find()).as("%s names its package", path).isTrue();
                filesByPackage
                        .computeIfAbsent(m.group(1), p -> new ArrayList<>())
                        .add(path);
            }
        });

        assertThat(filesByPackage)
                .allSatisfy((name, files) ->
                        assertThat(files).as("files of package %s", name).hasSize(1))
                .hasSize(ShippedRules.packages())
                .containsKeys("vetting.minimumvetting", "assessment.verdicts", "decision");
    }

    @Test
    void shouldCompileTheShippedRulesWithEveryTableRowAsARule() {
        RuleSet ruleSet = RuleSetCompiler.compile("rules", SHIPPED).ruleSet();

        assertThat(ruleSet.rules())
                .extracting(RuleInfo::name)
                .contains(
                        "DenyWithoutNeedToKnow", "MinimumVetting_SECRET_REGULAR_ANY", "NeedToKnow_LA_CHIEF_EXECUTIVE");
        long matrixRows = ruleSet.table("vetting/minimum-vetting.csv").rows().size();
        assertThat(ruleSet.rules().stream()
                        .filter(r -> r.file().equals("vetting/minimum-vetting.csv"))
                        .count())
                .isEqualTo(matrixRows)
                .isEqualTo(17);
        assertThat(ruleSet.rules())
                .filteredOn(r -> r.name().equals("MinimumVetting_SECRET_REGULAR_ANY"))
                .singleElement()
                .satisfies(r -> assertThat(r.source())
                        .isEqualTo(
                                "Cabinet Office, Government Security Classifications (2014) (personnel security controls); "
                                        + "docs/policy-basis.md#minimum-vetting; vetting/minimum-vetting.csv line "
                                        + lineOf("vetting/minimum-vetting.csv", "SECRET,REGULAR")));
    }

    @Test
    void shouldGiveTheSameVersionForTheSameFilesAndANewOneForAnyChange() {
        String version = RuleSetCompiler.version(SHIPPED);

        assertThat(RuleSetCompiler.version(new TreeMap<>(SHIPPED)))
                .isEqualTo(version)
                .hasSize(12);
        assertThat(RuleSetCompiler.version(
                        shippedWith("vetting/minimum-vetting.csv", "SECRET,REGULAR,ANY,SC", "SECRET,REGULAR,ANY,DV")))
                .isNotEqualTo(version);
    }

    @Test
    void shouldNameFileLineAndRuleOfABrokenDrl() {
        Map<String, String> broken = shippedWith(
                "vetting/requirement.drl",
                "EffectiveVetting($held: level, $ladder.rank(level) < $ladder.rank($needed))",
                "EffectiveVetting($held: level, $ladder.rank(level) < )");

        assertThatThrownBy(() -> RuleSetCompiler.compile("rules", broken))
                .isInstanceOfSatisfying(
                        RuleSetException.class,
                        e -> assertThat(e.problems()).first().satisfies(p -> {
                            assertThat(p.file()).isEqualTo("vetting/requirement.drl");
                            assertThat(p.line())
                                    .isEqualTo(
                                            lineOf(
                                                    "vetting/requirement.drl",
                                                    "EffectiveVetting($held: level, $ladder.rank(level) < $ladder.rank($needed))"));
                        }));
    }

    /** A shipped note, inserted as every note must be. */
    private static final String INSERTED_NOTE =
            "insertLogical(Explain.note(kcontext, \"CTC (Counter Terrorist Check) is for proximity to people"
                    + " and places at risk, not for access to information: it counts only as BPSS.\"));";

    @Test
    void shouldRefuseANoteThatIsMadeButNotInserted() {
        String bareNote = INSERTED_NOTE.substring("insertLogical(".length(), INSERTED_NOTE.length() - 2) + ";";

        assertThat(problemsOf(shippedWith("vetting/effective-vetting.drl", INSERTED_NOTE, bareNote)))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.file()).isEqualTo("vetting/effective-vetting.drl");
                    assertThat(p.line()).isEqualTo(lineOf("vetting/effective-vetting.drl", INSERTED_NOTE));
                    assertThat(p.message()).isEqualTo(thrownAway("note"));
                });
    }

    @Test
    void shouldRefuseARecommendationMadeButNotInsertedAfterAnIf() {
        String afterIf =
                " if (true) Explain.recommend(kcontext, \"Check again.\"); else Explain.note(kcontext, \"No.\");";

        assertThat(problemsOf(shippedWith("vetting/effective-vetting.drl", INSERTED_NOTE, INSERTED_NOTE + afterIf)))
                .extracting(RuleProblem::message)
                .containsExactly(thrownAway("recommend"), thrownAway("note"));
    }

    /** The problems a rule set that must not compile is refused with. */
    private static List<RuleProblem> problemsOf(Map<String, String> files) {
        RuleSetException refused =
                catchThrowableOfType(RuleSetException.class, () -> RuleSetCompiler.compile("rules", files));
        assertThat(refused).as("the rule set was refused").isNotNull();
        return refused.problems();
    }

    /** What the rule-code check says of an {@code Explain} call whose fact is thrown away. */
    private static String thrownAway(String verb) {
        return "Explain." + verb + "(…) on its own puts nothing in the answer: write insertLogical(Explain." + verb
                + "(kcontext, …))";
    }

    @Test
    void shouldNameTableRowAndColumnOfAnUnknownValue() {
        Map<String, String> broken =
                shippedWith("vetting/minimum-vetting.csv", "SECRET,REGULAR,ANY,SC", "SECRET,REGULAR,ANY,SCC");

        assertThatThrownBy(() -> RuleSetCompiler.compile("rules", broken))
                .isInstanceOfSatisfying(
                        RuleSetException.class,
                        e -> assertThat(e.problems()).first().satisfies(p -> {
                            assertThat(p.file()).isEqualTo("vetting/minimum-vetting.csv");
                            assertThat(p.line()).isEqualTo(lineOf("vetting/minimum-vetting.csv", "SECRET,REGULAR"));
                            assertThat(p.column()).isEqualTo("requires");
                            // caught by the column's type, before any rule is made from the row
                            assertThat(p.rule()).isNull();
                            assertThat(p.message())
                                    .isEqualTo(
                                            "'SCC' is not one of NONE, BPSS, CTC, SC, DV, RV, MV, NPPV1, "
                                                    + "NPPV2_ABBREVIATED, NPPV2_FULL, NPPV3 (the column's type is VettingLevel)");
                        }));
    }

    @Test
    void shouldNameTheTemplateLineOfAPlaceholderWithNoColumn() {
        Map<String, String> broken =
                shippedWith("vetting/minimum-vetting.drt", "VettingLevel.@{requires}", "VettingLevel.@{required}");

        assertThatThrownBy(() -> RuleSetCompiler.compile("rules", broken))
                .isInstanceOfSatisfying(
                        RuleSetException.class,
                        e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                            assertThat(p.file()).isEqualTo("vetting/minimum-vetting.drt");
                            assertThat(p.line())
                                    .isEqualTo(lineOf("vetting/minimum-vetting.drt", "VettingLevel.@{requires}"));
                            assertThat(p.message()).contains("@{required} names no column");
                        }));
    }

    @Test
    void shouldNameTheLineOfATableRowWithTooManyCells() {
        Map<String, String> broken = shippedWith("caveats/caveats.csv", "UK_EYES_ONLY,GB,", "UK_EYES_ONLY,GB,extra,");

        assertThatThrownBy(() -> RuleSetCompiler.compile("rules", broken))
                .isInstanceOfSatisfying(
                        RuleSetException.class,
                        e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                            assertThat(p.file()).isEqualTo("caveats/caveats.csv");
                            assertThat(p.line()).isEqualTo(lineOf("caveats/caveats.csv", "UK_EYES_ONLY,GB,"));
                            assertThat(p.message()).contains("5 cells but the header names 4 columns");
                        }));
    }
}
