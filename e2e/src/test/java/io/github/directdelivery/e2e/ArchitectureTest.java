package io.github.directdelivery.e2e;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The suite uses the library as its users do: through the public API only. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.directdelivery.e2e");

    @Test
    void usesOnlyThePublicApiOfTheCore() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.github.directdelivery.internal..")
                .check(CLASSES);
    }
}
