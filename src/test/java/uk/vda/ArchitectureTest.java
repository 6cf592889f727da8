package uk.vda;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The boundaries of ../shared/STYLE.md, checked on every build. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("uk.vda");

    @Test
    void shouldTalkToTheKieApiOnlyFromTheEnginePackage() {
        noClasses().that().resideOutsideOfPackage("uk.vda.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("org.kie..", "org.drools..")
                .because("exactly one package talks to the KIE API; everything else sees PolicyEngine")
                .check(CLASSES);
    }

    @Test
    void shouldKeepTheFactModelFreeOfTheRestOfTheService() {
        classes().that().resideInAPackage("uk.vda.policy..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("uk.vda.policy..", "java..")
                .because("the facts the rules reason about are plain records and enums")
                .check(CLASSES);
    }

    @Test
    void shouldKeepTheEngineIgnorantOfTheApi() {
        noClasses().that().resideInAPackage("uk.vda.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("uk.vda.decision..", "uk.vda.catalogue..",
                        "uk.vda.ruleset..", "uk.vda.system..")
                .check(CLASSES);
    }
}
