package io.github.directdelivery.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** This module builds on the core's public API only, never on its implementation. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.directdelivery.cli");

    @Test
    void usesOnlyThePublicApiOfTheCore() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.github.directdelivery.internal..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }
}
