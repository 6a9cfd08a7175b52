package dev.sqlup.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlup.config.DataPlaneMode;
import dev.sqlup.config.Services;
import dev.sqlup.dataplane.simulated.SimulatedDataPlane;
import dev.sqlup.dataplane.sqlserver.SqlServerDataPlane;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataPlanesTest {
  final Services services =
      new Services(
          Map.of(
              Services.FLEET_TABLE,
              "Fleet",
              "SQLSERVER_OPERATIONS_TABLE",
              "SqlServerOperations",
              "TARGET_HOST_POOL_TABLE",
              "TargetHostPool",
              "AWS_REGION",
              "eu-west-1",
              DataPlaneMode.VARIABLE,
              "simulated"),
          Clock.systemUTC());

  @Test
  void theInstanceBindingChoosesTheDataPlane_andEachIsBuiltOncePerContainer() {
    DataPlanes planes = WorkflowServices.dataPlanes(services);
    assertThat(planes.forBinding("simulated").plane()).isInstanceOf(SimulatedDataPlane.class);
    assertThat(planes.forBinding("sqlserver").plane()).isInstanceOf(SqlServerDataPlane.class);
    assertThat(planes.forBinding("simulated")).isSameAs(planes.forBinding("simulated"));
    assertThat(planes.forBinding("sqlserver").connectionsMigratedAt().apply(null)).isEmpty();
  }

  @Test
  void anUnknownBinding_failsTheUpgradeWithAStableCode() {
    assertThatThrownBy(() -> WorkflowServices.dataPlanes(services).forBinding("oracle"))
        .isInstanceOf(UpgradeFailedException.class)
        .hasMessageStartingWith("BindingUnavailable");
  }
}
