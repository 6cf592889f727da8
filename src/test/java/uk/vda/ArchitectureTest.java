package uk.vda;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.web.server.ResponseStatusException;

/** The boundaries of ../shared/STYLE.md, checked on every build. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("uk.vda");

    @Test
    void shouldHaveNoCyclesBetweenPackages() {
        slices().matching("uk.vda.(*)..")
                .should()
                .beFreeOfCycles()
                .because("shared code never depends on the code that uses it")
                .check(CLASSES);
    }

    @Test
    void shouldKeepTheSharedSystemPackageFreeOfTheFeatures() {
        noClasses()
                .that()
                .resideInAPackage("uk.vda.system..")
                .should()
                .dependOnClassesThat(resideInAPackage("uk.vda..").and(not(resideInAPackage("uk.vda.system.."))))
                .because("errors, ids and configuration serve every feature; an exception carries its own HTTP "
                        + "answer (ErrorResponse), so the error handler needs to know none of them")
                .check(CLASSES);
    }

    @Test
    void shouldKeepTheSharedRequestAndAnswerPartsFreeOfTheFeatures() {
        noClasses()
                .that()
                .resideInAPackage("uk.vda.parts..")
                .should()
                .dependOnClassesThat(
                        resideInAPackage("uk.vda..").and(not(resideInAnyPackage("uk.vda.parts..", "uk.vda.policy.."))))
                .because(
                        "decisions, assessments, rosters and the AuthZEN door share these parts; none borrows another's")
                .check(CLASSES);
    }

    @Test
    void shouldAnswerErrorsOnlyWithExceptionsThatCarryTheirOwnProblem() {
        noClasses()
                .that()
                .resideInAPackage("uk.vda..")
                .should()
                .dependOnClassesThat()
                .areAssignableTo(ResponseStatusException.class)
                .because("an error is an exception of its own (ErrorResponseException) with a title, a detail naming "
                        + "what was wrong and what is allowed, and a problem type; a ResponseStatusException says "
                        + "only a status and a sentence (docs/decisions/0014)")
                .check(CLASSES);
    }

    @Test
    void shouldTalkToTheKieApiOnlyFromTheEnginePackage() {
        noClasses()
                .that()
                .resideOutsideOfPackage("uk.vda.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.kie..", "org.drools..")
                .because("exactly one package talks to the KIE API; everything else sees PolicyEngine")
                .check(CLASSES);
    }

    @Test
    void shouldKeepTheFactModelFreeOfTheRestOfTheService() {
        classes()
                .that()
                .resideInAPackage("uk.vda.policy..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("uk.vda.policy..", "java..")
                .because("the facts the rules reason about are plain records and enums")
                .check(CLASSES);
    }

    @Test
    void shouldKeepTheEngineIgnorantOfTheApi() {
        noClasses()
                .that()
                .resideInAPackage("uk.vda.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("uk.vda.decision..", "uk.vda.catalogue..", "uk.vda.ruleset..", "uk.vda.system..")
                .check(CLASSES);
    }
}
