package uk.vda.policy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import uk.vda.engine.CsvTable;
import uk.vda.engine.PolicyEngine;
import uk.vda.engine.Tables;

/**
 * The enums of the fact model are names only: what each value means (its rank, its scheme, its description, how a
 * verdict ranks) comes from a table in {@code rules/}. This lists every enum and, for each of its values, the
 * table rows its meaning comes from, and fails when a value has no row there or a table has a value the enum lacks.
 */
class PolicyVocabularyOriginTest {
    private static final Path RULES = Path.of("rules");
    private static final JavaClasses POLICY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("uk.vda.policy");

    /** Where a value's meaning is: a table (by name), the column holding the value, and the kind of row (labels). */
    private record Origin(String table, String column, String kind) {
        @Override
        public String toString() {
            return table + " (" + column + (kind == null ? "" : ", kind " + kind) + ")";
        }
    }

    /** Every enum of the fact model and the tables its values' meaning comes from. */
    private static final Map<Class<? extends Enum<?>>, List<Origin>> ORIGINS = new LinkedHashMap<>();
    /** Enums that carry no policy at all, and why. */
    private static final Map<Class<? extends Enum<?>>, String> NOT_POLICY = Map.of(
            Effect.class,
            "PERMIT, DENY and NOTE are the combining algorithm (any DENY beats every PERMIT, deny by default), "
                    + "the one piece of logic the decision service owns");

    static {
        ORIGINS.put(
                Marking.class,
                List.of(new Origin(Tables.MARKINGS, "marking", null), new Origin(Tables.LABELS, "code", "MARKING")));
        ORIGINS.put(
                Scheme.class,
                List.of(new Origin(Tables.MARKINGS, "scheme", null), new Origin(Tables.LABELS, "code", "SCHEME")));
        ORIGINS.put(
                VettingLevel.class,
                List.of(
                        new Origin(Tables.VETTING_LEVELS, "level", null),
                        new Origin(Tables.LABELS, "code", "VETTING_LEVEL")));
        ORIGINS.put(
                VerdictValue.class,
                List.of(new Origin(Tables.VERDICTS, "verdict", null), new Origin(Tables.LABELS, "code", "VERDICT")));
        ORIGINS.put(Frequency.class, List.of(new Origin(Tables.LABELS, "code", "FREQUENCY")));
        ORIGINS.put(ClearanceStatus.class, List.of(new Origin(Tables.LABELS, "code", "STATUS")));
        ORIGINS.put(Owner.class, List.of(new Origin(Tables.LABELS, "code", "OWNER")));
        ORIGINS.put(Organisation.class, List.of(new Origin(Tables.LABELS, "code", "ORGANISATION")));
        ORIGINS.put(AccessRoute.class, List.of(new Origin(Tables.LABELS, "code", "ACCESS_ROUTE")));
    }

    private static final Map<String, CsvTable> TABLES = tables();

    private static Map<String, CsvTable> tables() {
        Map<String, CsvTable> tables = new LinkedHashMap<>();
        PolicyEngine.read(RULES).forEach((path, text) -> {
            if (path.endsWith(".csv")) {
                tables.put(path, CsvTable.parse(path, text));
            }
        });
        return tables;
    }

    @Test
    void shouldKnowWhereEveryEnumOfTheFactModelGetsItsMeaning() {
        Set<String> enums = POLICY.stream()
                .filter(JavaClass::isEnum)
                .map(JavaClass::getSimpleName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> accounted = Stream.concat(ORIGINS.keySet().stream(), NOT_POLICY.keySet().stream())
                .map(Class::getSimpleName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(accounted)
                .as("every enum of uk.vda.policy, with the tables its meaning comes from")
                .isEqualTo(enums);
    }

    /** One test per value, named by where its meaning comes from: the list the issue asks for. */
    @TestFactory
    Stream<DynamicTest> everyValueHasItsRowsInRules() {
        List<DynamicTest> tests = new ArrayList<>();
        ORIGINS.forEach((type, origins) -> {
            for (Enum<?> value : type.getEnumConstants()) {
                List<String> where = origins.stream()
                        .map(o -> o.table() + " line " + lines(o, value.name()))
                        .toList();
                tests.add(dynamicTest(
                        type.getSimpleName() + "." + value.name() + " ← " + String.join("; ", where), () -> {
                            for (Origin origin : origins) {
                                assertThat(lines(origin, value.name()))
                                        .as(type.getSimpleName() + "." + value + " in " + origin)
                                        .isNotEmpty();
                                if (origin.kind() != null) {
                                    assertThat(matching(origin).stream()
                                                    .filter(r -> value.name().equals(r.get("code")))
                                                    .map(r ->
                                                            r.get("description").strip()))
                                            .as("what " + value + " means")
                                            .allMatch(d -> !d.isEmpty());
                                }
                            }
                        }));
            }
        });
        NOT_POLICY.forEach((type, why) -> tests.add(dynamicTest(
                type.getSimpleName() + ": not policy, " + why,
                () -> assertThat(type.getEnumConstants()).isNotEmpty())));
        return tests.stream();
    }

    @Test
    void shouldHaveNoValueInATableThatTheEnumLacks() {
        ORIGINS.forEach((type, origins) -> {
            Set<String> names =
                    Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.toSet());
            for (Origin origin : origins) {
                assertThat(values(origin))
                        .as(origin + " holds only " + type.getSimpleName() + " values")
                        .isSubsetOf(names);
            }
        });
    }

    @Test
    void shouldRankExactlyTheLevelsOfTheTwoLaddersAsTheTablesSay() {
        Ladder ladder = Ladder.of(rows(Tables.VETTING_LEVELS));
        assertThat(ladder.national())
                .containsExactly(VettingLevel.NONE, VettingLevel.BPSS, VettingLevel.SC, VettingLevel.DV);
        assertThat(ladder.force())
                .containsExactly(
                        VettingLevel.NONE,
                        VettingLevel.NPPV1,
                        VettingLevel.NPPV2_ABBREVIATED,
                        VettingLevel.NPPV2_FULL,
                        VettingLevel.NPPV3);
        assertThat(ladder.national())
                .allSatisfy(l -> assertThat(ladder.ranked(l)).isTrue());
        assertThat(ladder.rank(VettingLevel.SC)).isGreaterThan(ladder.rank(VettingLevel.BPSS));
        assertThat(ladder.ranked(VettingLevel.CTC))
                .as("CTC is compared by what it counts as")
                .isFalse();

        MarkingSchemes schemes = MarkingSchemes.of(rows(Tables.MARKINGS));
        assertThat(schemes.schemesOf(Marking.SECRET)).containsExactly(Scheme.GPMS, Scheme.GSC);
        assertThat(schemes.onlyScheme(Marking.RESTRICTED)).isEqualTo(Scheme.GPMS);
        assertThat(schemes.onlyScheme(Marking.TOP_SECRET)).isNull();
        assertThat(schemes.markingsOf(Scheme.GSC))
                .containsExactly(Marking.SECRET, Marking.TOP_SECRET, Marking.OFFICIAL, Marking.OFFICIAL_SENSITIVE);
    }

    @Test
    void shouldKeepMeaningOutOfTheEnumsOfTheFactModel() {
        DescribedPredicate<JavaClass> policyEnum =
                DescribedPredicate.describe("enums of uk.vda.policy", JavaClass::isEnum);
        fields().that()
                .areDeclaredInClassesThat(policyEnum)
                .should(beAnEnumConstant())
                .because(
                        "a rank, a scheme or a description in Java would be policy that only a code change can change: "
                                + "it belongs in a table of rules/")
                .check(POLICY);
        methods()
                .that()
                .areDeclaredInClassesThat(policyEnum)
                .should(beGeneratedByJava())
                .because("an enum of the fact model is a list of names; what they mean is read from rules/")
                .check(POLICY);
    }

    private static ArchCondition<JavaField> beAnEnumConstant() {
        return new ArchCondition<>("be an enum constant") {
            @Override
            public void check(JavaField field, ConditionEvents events) {
                boolean constant = field.getRawType().equals(field.getOwner())
                        && field.getModifiers().contains(JavaModifier.STATIC);
                boolean generated = field.getModifiers().contains(JavaModifier.SYNTHETIC);
                events.add(new SimpleConditionEvent(
                        field,
                        constant || generated,
                        field.getFullName() + " is a field of its own, not an enum constant"));
            }
        };
    }

    private static ArchCondition<JavaMethod> beGeneratedByJava() {
        return new ArchCondition<>("be one Java generates for every enum (values, valueOf)") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean generated = Set.of("values", "valueOf", "$values").contains(method.getName())
                        || method.getModifiers().contains(JavaModifier.SYNTHETIC);
                events.add(new SimpleConditionEvent(method, generated, method.getFullName() + " is declared by hand"));
            }
        };
    }

    private static List<Map<String, String>> rows(String name) {
        CsvTable table = Tables.find(TABLES, name);
        assertThat(table).as(name + " under rules/").isNotNull();
        return table.rows().stream().map(CsvTable.Row::cells).toList();
    }

    private static List<CsvTable.Row> matching(Origin origin) {
        CsvTable table = Tables.find(TABLES, origin.table());
        assertThat(table).as(origin.table() + " under rules/").isNotNull();
        return table.rows().stream()
                .filter(r -> origin.kind() == null || origin.kind().equals(r.get("kind")))
                .toList();
    }

    private static String lines(Origin origin, String value) {
        return matching(origin).stream()
                .filter(r -> value.equals(r.get(origin.column()).strip()))
                .map(r -> Integer.toString(r.line()))
                .collect(Collectors.joining(", "));
    }

    private static Set<String> values(Origin origin) {
        return matching(origin).stream()
                .map(r -> r.get(origin.column()).strip())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
