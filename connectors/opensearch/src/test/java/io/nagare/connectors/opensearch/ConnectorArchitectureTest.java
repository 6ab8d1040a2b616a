package io.nagare.connectors.opensearch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The connector is written against the engine's public API only, as a user's connector would be. */
class ConnectorArchitectureTest {
  @Test
  void theConnectorUsesOnlyThePublicApiOfTheEngine() {
    noClasses().that().resideInAPackage("io.nagare.connectors.opensearch..")
        .should().dependOnClassesThat(resideInAPackage("io.nagare..")
            .and(resideOutsideOfPackages("io.nagare.api..", "io.nagare.connectors.opensearch..")))
        .because("connectors plug into the public sink API; engine internals must stay free to change")
        .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.nagare.connectors.opensearch"));
  }
}
