package dev.sqlup.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sqlup.config.Services;
import dev.sqlup.store.TestTables;
import dev.sqlup.testing.Dynalite;
import dev.sqlup.testing.TestJson;
import dev.sqlup.workflow.UpgradeFailedException;
import dev.sqlup.workflow.WorkflowServices;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A stack deployed with the default DataPlane=sqlserver (DATA_PLANE unset or sqlserver) refuses
 * simulated instances with a stable code and changes nothing, and its workflow refuses to run one;
 * the simulated fleet runs only where DATA_PLANE=simulated says so.
 */
class DataPlaneRefusalTest {
  final DynamoDbClient dynamo = Dynalite.client();
  final TestTables tables = TestTables.create(dynamo);
  // registration discovers the source: the simulated binding reads its fleet table
  final String fleetTable = tables.instances() + "-fleet";

  {
    dev.sqlup.store.TableDefinitions.createAll(
        dynamo,
        java.util.List.of(
            dev.sqlup.dataplane.simulated.FleetTableDefinition.createTableRequest(fleetTable)));
  }

  Services services(Map<String, String> extra) {
    Map<String, String> env =
        new java.util.HashMap<>(
            Map.of(
                Services.INSTANCES_TABLE,
                tables.instances(),
                Services.TASKS_TABLE,
                tables.tasks(),
                Services.FLEET_TABLE,
                fleetTable));
    env.putAll(extra);
    return new Services(env, Clock.systemUTC()).withDynamoDb(dynamo);
  }

  @Test
  void
      registeringASimulatedInstance_onASqlserverStack_is400SimulatedDataPlaneDisabled_andWritesNothing()
          throws Exception {
    for (Map<String, String> env :
        java.util.List.of(Map.<String, String>of(), Map.of("DATA_PLANE", "sqlserver"))) {
      Services services = services(env);
      APIGatewayProxyResponseEvent r =
          new RegisterInstanceHandler(services)
              .handleRequest(ApiFixture.event("register-instance"), null);

      assertThat(r.getStatusCode()).isEqualTo(400);
      var body = TestJson.MAPPER.readTree(r.getBody());
      assertThat(body.path("code").asText()).isEqualTo("SimulatedDataPlaneDisabled");
      assertThat(body.path("message").asText()).contains("DataPlane=simulated");
      assertThat(services.instances().list(10, null).items()).isEmpty();
    }
  }

  @Test
  void theSameRequest_isAccepted_whereTheSimulatedFleetIsEnabled() {
    Services services = services(Map.of("DATA_PLANE", "simulated"));
    APIGatewayProxyResponseEvent r =
        new RegisterInstanceHandler(services)
            .handleRequest(ApiFixture.event("register-instance"), null);
    assertThat(r.getStatusCode()).isEqualTo(201);
    assertThat(r.getBody()).contains("\"binding\":\"simulated\"");
  }

  @Test
  void theWorkflow_ofASqlserverStack_refusesTheSimulatedBinding() {
    var planes = WorkflowServices.dataPlanes(services(Map.of()));
    assertThat(planes.accepts("simulated")).isFalse();
    assertThatThrownBy(() -> planes.forBinding("simulated"))
        .isInstanceOf(UpgradeFailedException.class)
        .hasMessageStartingWith("BindingUnavailable")
        .hasMessageContaining("DataPlane=simulated");
  }
}
