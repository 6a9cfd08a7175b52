package dev.sqlup.dataplane.simulated;

import static dev.sqlup.dataplane.simulated.SimulatorFixture.T0;
import static dev.sqlup.dataplane.simulated.SimulatorFixture.instance;
import static dev.sqlup.dataplane.simulated.SimulatorFixture.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.dataplane.SourceInventory;
import dev.sqlup.dataplane.SourceInventory.RecoveryModel;
import dev.sqlup.testing.DynaliteExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@ExtendWith(DynaliteExtension.class)
class InventoryTest {
  private SimulatorFixture fx;
  private SimulatedDataPlane plane;

  @BeforeEach
  void setUp(DynamoDbClient dynamo) {
    fx = new SimulatorFixture(dynamo);
    plane = fx.plane();
  }

  @Test
  void inventory_listsTheProfilesDatabases_withLsnsGrowingInProportionToSize() {
    InstanceRef source =
        instance(
            "rm-inv",
            "Standard",
            "{\"databases\":[{\"name\":\"big\",\"sizeGb\":300},"
                + "{\"name\":\"small\",\"sizeGb\":100,\"recoveryModel\":\"SIMPLE\"}],\"logGbPerHour\":4}");
    SourceInventory first = plane.inventory(source);
    fx.clock.advance(Duration.ofHours(1));
    SourceInventory later = plane.inventory(source);

    assertThat(later.logBytesPerHour()).isEqualTo(4 * SimulationSpeeds.GB);
    assertThat(later.totalDataBytes()).isEqualTo(400 * SimulationSpeeds.GB);
    assertThat(later.databases())
        .extracting(SourceInventory.Database::recoveryModel)
        .containsExactly(RecoveryModel.FULL, RecoveryModel.SIMPLE);
    assertThat(grown(first, later, 0)).isEqualTo(3 * SimulationSpeeds.GB);
    assertThat(grown(first, later, 1)).isEqualTo(SimulationSpeeds.GB);
    assertThatThrownBy(
            () ->
                plane.startLogBackup(
                    key(OperationKind.LOG_BACKUP, "small", 1), source, "small", false))
        .isInstanceOf(PermanentDataPlaneException.class)
        .hasMessageContaining("RECOVERY_MODEL_SIMPLE");
  }

  private static long grown(SourceInventory before, SourceInventory after, int i) {
    return after
        .databases()
        .get(i)
        .currentLsn()
        .value()
        .subtract(before.databases().get(i).currentLsn().value())
        .longValueExact();
  }

  @Test
  void withoutAProfile_oneFullDatabaseNamedAfterTheInstance_sizedByDataSizeGb() {
    InstanceRef source =
        new InstanceRef(
            "rm-plain",
            "simulated",
            "15.00",
            "Standard",
            "h",
            1433,
            "e",
            null,
            Map.of("dataSizeGb", "250"));
    SourceInventory inventory = plane.inventory(source);
    assertThat(inventory.databases())
        .singleElement()
        .satisfies(
            db -> {
              assertThat(db.name()).isEqualTo("rm-plain");
              assertThat(db.sizeBytes()).isEqualTo(250 * SimulationSpeeds.GB);
              assertThat(db.recoveryModel()).isEqualTo(RecoveryModel.FULL);
            });
  }

  @Test
  void badProfile_isAPermanentErrorWithAStableCode_andStoresNothing() {
    InstanceRef source = instance("rm-bad", "Standard", "{\"databases\":[{\"sizeGb\":1}]}");
    assertThatThrownBy(() -> plane.inventory(source))
        .isInstanceOf(PermanentDataPlaneException.class)
        .hasMessageStartingWith("SIM_PROFILE_INVALID");
    assertThatThrownBy(() -> plane.inventory(instance("rm-bad2", "Standard", "{")))
        .hasMessageStartingWith("SIM_PROFILE_INVALID");
    assertThat(plane.effectCounts("rm-bad")).isEmpty();
  }

  @Test
  void metadataChanges_showInTheInventory_afterTheirTime() {
    String profile =
        "{\"databases\":[{\"name\":\"a\",\"sizeGb\":10},{\"name\":\"b\",\"sizeGb\":10}],"
            + "\"faults\":{\"metadataChange\":{\"afterMinutes\":30,\"kind\":\"%s\",\"database\":\"%s\"}}}";
    InstanceRef created =
        instance("rm-c", "Standard", String.format(profile, "DATABASE_CREATED", "new"));
    InstanceRef dropped =
        instance("rm-d", "Standard", String.format(profile, "DATABASE_DROPPED", "b"));
    InstanceRef changed =
        instance("rm-r", "Standard", String.format(profile, "RECOVERY_MODEL_CHANGED", "a"));
    for (InstanceRef source : new InstanceRef[] {created, dropped, changed}) {
      assertThat(names(plane.inventory(source))).isEqualTo("a,b");
    }
    fx.clock.set(T0.plus(Duration.ofMinutes(29)));
    assertThat(names(plane.inventory(created))).isEqualTo("a,b");
    fx.clock.set(T0.plus(Duration.ofMinutes(30)));
    assertThat(names(plane.inventory(created))).isEqualTo("a,b,new");
    assertThat(names(plane.inventory(dropped))).isEqualTo("a");
    assertThat(plane.inventory(changed).databases().get(0).recoveryModel())
        .isEqualTo(RecoveryModel.SIMPLE);
  }

  @Test
  void metadataChange_fromSimFaults_appliesToEveryInstance() {
    SimulatedDataPlane withFaults =
        fx.plane(
            FaultPlan.parse(
                "{\"metadataChange\":{\"afterMinutes\":5,\"kind\":\"DATABASE_DROPPED\",\"database\":\"a\"}}"));
    InstanceRef source =
        instance(
            "rm-sf",
            "Standard",
            "{\"databases\":[{\"name\":\"a\",\"sizeGb\":10},{\"name\":\"b\",\"sizeGb\":10}]}");
    withFaults.inventory(source);
    fx.clock.advance(Duration.ofMinutes(5));
    assertThat(names(withFaults.inventory(source))).isEqualTo("b");
  }

  private static String names(SourceInventory inventory) {
    return String.join(
        ",", inventory.databases().stream().map(SourceInventory.Database::name).toList());
  }

  @Test
  void preSwitchWarnings_followTheProfile() {
    assertThat(
            plane.preSwitchWarnings(
                instance(
                    "rm-w",
                    "Standard",
                    "{\"databases\":[{\"name\":\"a\",\"sizeGb\":1}],\"longRunningTransactions\":true}")))
        .singleElement()
        .asString()
        .startsWith("LONG_RUNNING_TRANSACTIONS");
    assertThat(
            plane.preSwitchWarnings(
                instance("rm-w2", "Standard", "{\"databases\":[{\"name\":\"a\",\"sizeGb\":1}]}")))
        .isEmpty();
  }
}
