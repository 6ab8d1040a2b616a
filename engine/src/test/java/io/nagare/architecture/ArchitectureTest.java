package io.nagare.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package boundaries of docs/ARCHITECTURE.md, enforced: the public API and the connectors
 * never reach into runtime internals, and nothing in the engine knows YARN.
 */
class ArchitectureTest {
  private static JavaClasses engine;

  @BeforeAll
  static void importEngine() {
    engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.nagare");
  }

  @Test
  void apiDependsOnNoRuntimeInternals() {
    ArchRule rule = noClasses().that().resideInAPackage("io.nagare.api..")
        .should().dependOnClassesThat().resideInAnyPackage("io.nagare.runtime..", "io.nagare.plan..",
            "io.nagare.state..", "io.nagare.metrics..", "io.nagare.serialization..", "io.nagare.examples..",
            "io.nagare.network..", "io.nagare.cluster..", "io.nagare.rest..")
        .because("the API is what users compile against; runtime internals must be free to change");
    rule.check(engine);
  }

  @Test
  void connectorsDependOnNoRuntimeInternals() {
    ArchRule rule = noClasses().that().resideInAPackage("io.nagare.connectors..")
        .should().dependOnClassesThat().resideInAnyPackage("io.nagare.runtime..", "io.nagare.plan..",
            "io.nagare.state..")
        .because("connectors are written against the public source and sink API");
    rule.check(engine);
  }

  @Test
  void examplesUseOnlyThePublicApi() {
    ArchRule rule = noClasses().that().resideInAPackage("io.nagare.examples..")
        .should().dependOnClassesThat().resideInAnyPackage("io.nagare.runtime..", "io.nagare.plan..",
            "io.nagare.state..", "io.nagare.metrics..", "io.nagare.serialization..", "io.nagare.connectors..")
        .because("examples show what users write");
    rule.check(engine);
  }

  @Test
  void theNetworkLayerKnowsNothingOfTheClusterAbove() {
    ArchRule rule = noClasses().that().resideInAnyPackage("io.nagare.network..", "io.nagare.rest..")
        .should().dependOnClassesThat().resideInAnyPackage("io.nagare.cluster..", "io.nagare.runtime.executor..",
            "io.nagare.state..", "io.nagare.plan..")
        .because("the transport carries buffers and messages; what they mean belongs to the layers above");
    rule.check(engine);
  }

  @Test
  void stateBackendsKnowNothingOfCheckpointStorageOrTheCluster() {
    ArchRule rule = noClasses().that().resideInAPackage("io.nagare.state..")
        .should().dependOnClassesThat().resideInAnyPackage("io.nagare.runtime.checkpoint..", "io.nagare.cluster..",
            "io.nagare.network..")
        .because("backends write to a SnapshotTarget; where and how it is stored is the checkpoint layer's business");
    rule.check(engine);
  }

  @Test
  void engineKnowsNothingOfYarn() {
    ArchRule rule = noClasses().should().dependOnClassesThat().resideInAPackage("org.apache.hadoop.yarn..")
        .because("the engine runs without YARN; yarn-am adapts it through the ResourceDriver interface");
    rule.check(engine);
  }
}
