package io.github.directdelivery;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Layering rules that keep the public API free of implementation and library types. */
class ArchitectureTest {

    private static final String API = "io.github.directdelivery";

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(API);

    private static final DescribedPredicate<JavaClass> HIDDEN_TYPE =
            DescribedPredicate.describe("internal, dnsjava or Resilience4j types", type -> {
                String name = type.getName();
                return name.startsWith(API + ".internal.")
                        || name.startsWith("org.xbill.")
                        || name.startsWith("io.github.resilience4j.");
            });

    @Test
    void publicApiSignaturesUseNoHiddenType() {
        members()
                .that()
                .arePublic()
                .and()
                .areDeclaredInClassesThat()
                .resideInAPackage(API)
                .and()
                .areDeclaredInClassesThat()
                .arePublic()
                .should(exposeNo(HIDDEN_TYPE))
                .check(CLASSES);
    }

    @Test
    void publicApiTypesDoNotExtendHiddenTypes() {
        noClasses()
                .that()
                .resideInAPackage(API)
                .and()
                .arePublic()
                .should()
                .beAssignableTo(HIDDEN_TYPE)
                .check(CLASSES);
    }

    @Test
    void internalPackagesDoNotDependOnEachOtherThroughThePublicBuilder() {
        noClasses()
                .that()
                .resideInAPackage(API + ".internal..")
                .should()
                .dependOnClassesThat()
                .haveSimpleName("DirectDelivery")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    private static ArchCondition<JavaMember> exposeNo(DescribedPredicate<JavaClass> hidden) {
        return new ArchCondition<>("expose no " + hidden.getDescription() + " in their signature") {
            @Override
            public void check(JavaMember member, ConditionEvents events) {
                List<JavaType> types = new ArrayList<>();
                if (member instanceof JavaField field) {
                    types.add(field.getType());
                } else if (member instanceof JavaCodeUnit codeUnit) {
                    types.add(codeUnit.getReturnType());
                    types.addAll(codeUnit.getParameterTypes());
                    codeUnit.getThrowsClause().getTypes().forEach(types::add);
                }
                for (JavaType type : types) {
                    for (JavaClass involved : type.getAllInvolvedRawTypes()) {
                        if (hidden.test(involved)) {
                            events.add(SimpleConditionEvent.violated(
                                    member, member.getFullName() + " exposes " + involved.getName()));
                        }
                    }
                }
            }
        };
    }
}
