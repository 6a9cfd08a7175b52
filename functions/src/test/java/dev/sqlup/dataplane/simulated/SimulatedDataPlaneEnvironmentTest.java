package dev.sqlup.dataplane.simulated;

import static dev.sqlup.dataplane.simulated.SimulatorFixture.instance;
import static dev.sqlup.dataplane.simulated.SimulatorFixture.key;
import static dev.sqlup.dataplane.simulated.SimulatorFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.testing.DynaliteExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@ExtendWith(DynaliteExtension.class)
class SimulatedDataPlaneEnvironmentTest {

  @Test
  void fromEnvironment_readsTheTableAndSimFaults(DynamoDbClient dynamo) {
    SimulatorFixture fx = new SimulatorFixture(dynamo);
    SimulatedDataPlane plane =
        SimulatedDataPlane.fromEnvironment(
            dynamo,
            Map.of(
                "FLEET_TABLE",
                fx.table,
                "SIM_FAULTS",
                "{\"failOperation\":\"CREATE_TARGET\",\"mode\":\"reject\"}"),
            fx.clock);
    var source = instance("rm-env", "Standard", null);
    assertThatThrownBy(
            () ->
                plane.startCreateTarget(key(OperationKind.CREATE_TARGET), source, spec("Standard")))
        .isInstanceOf(PermanentDataPlaneException.class);
    assertThat(plane.inventory(source).databases()).hasSize(1);
  }

  @Test
  void fromEnvironment_withoutATable_failsWithAStableCode(DynamoDbClient dynamo) {
    assertThatThrownBy(
            () -> SimulatedDataPlane.fromEnvironment(dynamo, Map.of(), java.time.Clock.systemUTC()))
        .hasMessageStartingWith("SIM_CONFIG_INVALID");
    assertThatThrownBy(
            () ->
                SimulatedDataPlane.fromEnvironment(
                    dynamo,
                    Map.of("FLEET_TABLE", "t", "SIM_FAULTS", "{x"),
                    java.time.Clock.systemUTC()))
        .hasMessageStartingWith("SIM_FAULTS_INVALID");
  }
}
