package dev.sqlup.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.simulated.SimulatedDataPlane;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.InstanceStatus;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.testing.DynaliteExtension;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** One failure per phase, one at a time: the failure policy of docs/architecture.md, phase by phase. */
@ExtendWith(DynaliteExtension.class)
class FailurePolicyTest {
  static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "SIMPLE_RECOVERY,   RecoveryModelNotFull, false",
      "CREATE_TARGET,     CreateTargetFailed,  false",
      "FULL_BACKUP,       OperationFailed,     false",
      "RESTORE_FULL,      OperationFailed,     false",
      "LOG_BACKUP,        OperationFailed,     false",
      "RESTORE_LOG,       OperationFailed,     false",
      "METADATA_CHANGE,   MetadataChanged,     false",
      "TAIL_LOG_BACKUP,   OperationFailed,     true",
      "RESTORE_TAIL,      OperationFailed,     true",
      "RECOVER_TARGET,    OperationFailed,     true"})
  void beforeTheEndpointMove_everyFailureLeavesTheSourceServingAndUnchanged(String fault, String code,
      boolean afterPointOfNoReturn, DynamoDbClient dynamo) {
    WorkflowFixture f = new WorkflowFixture(dynamo, T0);
    String id = "rm-fail-" + fault.toLowerCase().replace('_', '-');
    f.register(WorkflowFixture.guideInstance(id, 2, databases(fault), Map.of()));
    withFaults(f, id, fault);
    String taskId = f.submit(id, WorkflowFixture.upgradeTo2022("Immediate", "t-" + id));
    Instance before = f.services.instances().get(id);
    HandlerDriver driver = new HandlerDriver(f);

    UpgradeState end = driver.run(taskId, id);

    UpgradeTask task = f.services.tasks().get(taskId);
    assertThat(end.outcome()).isEqualTo("RolledBack");
    assertThat(task.status()).isEqualTo(TaskStatus.Failed);
    assertThat(task.failureReason()).startsWith(code).contains("target dropped", "lock released");
    Instance after = f.services.instances().get(id);
    assertThat(after.status()).isEqualTo(InstanceStatus.Running);
    assertThat(after.activeTaskId()).isNull();
    assertThat(after.spec()).isEqualTo(before.spec());
    assertThat(after.vip()).isEqualTo(before.vip());
    SimulatedDataPlane sim = f.sim();
    assertThat(sim.targetsOf(id)).as("no orphaned target").isEmpty();
    InstanceRef source = Refs.source(after);
    for (String db : List.of("sales", "hr")) {
      assertThat(sim.databaseState(source, db)).as(db).isEqualTo(SimulatedDataPlane.DatabaseState.ONLINE);
    }
    assertThat(sim.endpointState(source)).as("endpoint never moved").isEmpty();
    Map<String, Integer> effects = sim.effectCounts(id);
    if (afterPointOfNoReturn) {
      assertThat(task.failureReason()).contains("recovered WITH RECOVERY");
      assertThat(task.steps()).anyMatch(s -> s.name().equals(TaskSteps.POINT_OF_NO_RETURN));
      if (!fault.equals("TAIL_LOG_BACKUP")) {
        // The tail backups ran (the sources went RESTORING) and were undone by RESTORE WITH RECOVERY.
        assertThat(effects).containsKey("RECOVER_SOURCE").containsKey("TAIL_LOG_BACKUP");
      }
      // No data lost: the source carries on from where its tail-log backup stopped it.
      end.databases().forEach(db -> {
        if (db.tail() != null) {
          assertThat(sim.inventory(source).databases().stream().filter(d -> d.name().equals(db.name()))
              .findFirst().orElseThrow().currentLsn()).isGreaterThanOrEqualTo(db.tail().lastLsn());
        }
      });
    } else {
      assertThat(effects).doesNotContainKey("TAIL_LOG_BACKUP").doesNotContainKey("RECOVER_SOURCE");
    }
  }

  private static List<Map<String, Object>> databases(String fault) {
    return List.of(
        Map.of("name", "sales", "sizeGb", 20, "recoveryModel", fault.equals("SIMPLE_RECOVERY") ? "SIMPLE" : "FULL"),
        Map.of("name", "hr", "sizeGb", 10, "recoveryModel", "FULL"));
  }

  /** The fault goes into the instance's simulation profile, which the simulated data plane reads. */
  private static void withFaults(WorkflowFixture f, String id, String fault) {
    Map<String, Object> faults = switch (fault) {
      case "SIMPLE_RECOVERY" -> null;
      case "METADATA_CHANGE" -> Map.of("metadataChange",
          Map.of("afterMinutes", 15, "kind", "DATABASE_CREATED", "database", "archive"));
      default -> Map.of("failOperation", fault, "mode", "permanent");
    };
    if (faults == null) {
      return;
    }
    f.services.instances().update(withSimulationFaults(f.services.instances().get(id), faults));
  }

  static Instance withSimulationFaults(Instance i, Map<String, Object> faults) {
    Map<String, Object> simulation = new java.util.HashMap<>(i.simulation());
    simulation.put("faults", faults);
    return new Instance(i.instanceId(), i.engineVersion(), i.sqlEdition(), i.rdsEdition(), i.instanceType(),
        i.dataSizeGb(), i.maintenanceWindow(), i.networkType(), i.adDomainJoined(), i.serverless(), i.readOnly(),
        i.readOnlyReplicaIds(), i.endpoint(), i.vip(), i.port(), i.tags(), i.engine(), simulation,
        i.replicationTasks(), i.status(), i.activeTaskId(), i.createdAt(), i.updatedAt(), i.version());
  }
}
