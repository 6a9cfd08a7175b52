package dev.sqlup.proof.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of docs/architecture.md ("Layers"), checked on the production classes of
 * every module. Each rule says why in its {@code because}; a failure names the offending
 * dependency.
 */
class ArchitectureTest {
  static final JavaClasses PRODUCTION =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          // the functions module's test-jar (shared fixtures) is on this module's classpath as a
          // jar
          .withImportOption(location -> !location.contains("-tests.jar"))
          .importPackages("dev.sqlup");

  static final ArchRule DOMAIN_IS_PURE =
      classes()
          .that()
          .resideInAPackage("dev.sqlup.domain..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("dev.sqlup.domain..", "dev.sqlup.json..", "java..")
          .because(
              "the domain (rules, estimator, windows, prechecks) is plain Java: no AWS types, no store, no data plane");

  static final ArchRule STORE_DOES_NOT_KNOW_DATA_PLANES =
      noClasses()
          .that()
          .resideInAPackage("dev.sqlup.store..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.sqlup.dataplane..")
          .because("the store keeps sqlup's records; a data plane's own state is its own business");

  static final ArchRule DATA_PLANES_DO_NOT_KNOW_THE_STORE =
      noClasses()
          .that()
          .resideInAPackage("dev.sqlup.dataplane..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.sqlup.store..", "dev.sqlup.api..", "dev.sqlup.workflow..")
          .because("a data plane is called by the workflow, never the other way round");

  static final ArchRule HANDLERS_USE_THE_DATA_PLANE_INTERFACE =
      noClasses()
          .that()
          .resideInAnyPackage("dev.sqlup.api..", "dev.sqlup.workflow..", "dev.sqlup.domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.sqlup.dataplane.simulated..", "dev.sqlup.dataplane.sqlserver..")
          .because(
              "handlers depend on the DataPlane interface; which binding runs is configuration (dev.sqlup.config)");

  static final ArchRule ENGINE_KNOWS_NOTHING_OF_SQLUP =
      classes()
          .that()
          .resideInAPackage("dev.sqlup.local.asl..")
          .should()
          .onlyDependOnClassesThat()
          .resideOutsideOfPackage("dev.sqlup..")
          .orShould()
          .resideInAPackage("dev.sqlup.local.asl..")
          .because(
              "the ASL engine is a Step Functions implementation: it runs any state machine, not only ours");

  static final ArchRule NO_PACKAGE_CYCLES =
      slices()
          .matching("dev.sqlup.(**)")
          .should()
          .beFreeOfCycles()
          .because("a cycle makes two packages one: neither can be read, tested or changed alone");

  @Test
  void domainDependsOnNothingOfOurs() {
    DOMAIN_IS_PURE.check(PRODUCTION);
  }

  @Test
  void storeDoesNotKnowTheDataPlanes() {
    STORE_DOES_NOT_KNOW_DATA_PLANES.check(PRODUCTION);
  }

  @Test
  void dataPlanesDoNotKnowTheStoreOrTheirCallers() {
    DATA_PLANES_DO_NOT_KNOW_THE_STORE.check(PRODUCTION);
  }

  @Test
  void handlersDependOnTheDataPlaneInterface_notOnABinding() {
    HANDLERS_USE_THE_DATA_PLANE_INTERFACE.check(PRODUCTION);
  }

  @Test
  void theAslEngineKnowsNothingOfSqlup() {
    ENGINE_KNOWS_NOTHING_OF_SQLUP.check(PRODUCTION);
  }

  @Test
  void noPackageCycles() {
    NO_PACKAGE_CYCLES.check(PRODUCTION);
  }
}
