package dev.sqlup.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.dataplane.OperationStatus;
import dev.sqlup.domain.Instance;
import dev.sqlup.testing.DynaliteExtension;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A failed log backup or log restore before the point of no return is retried by a later round, as
 * SQL Server log shipping does, instead of failing the upgrade (21 of the 50 chaos-sample upgrades
 * failed with OperationFailed from the simulation's 1 % permanent faults, most of them on log
 * rounds). The faults are the simulated data plane's own, so its LSN chain is what is checked. The
 * whole upgrades run end to end in LogRetryE2eTest; this one checks a single phase handler run
 * twice on the same payload.
 */
@ExtendWith(DynaliteExtension.class)
class LogRetryTest {
  static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

  /**
   * A Lambda can be run again on the same payload after it ran (timeout after the work): seeing the
   * same failure twice must start the retry once and record the warning once.
   */
  @Test
  void anInvocationRunAgainAfterSeeingAFailure_startsTheRetryOnce_andRecordsItOnce(
      DynamoDbClient dynamo) {
    WorkflowFixture f = new WorkflowFixture(dynamo, T0);
    f.register(
        WorkflowFixture.guideInstance(
            "rm-retry-twice",
            2,
            List.of(Map.of("name", "sales", "sizeGb", 20, "recoveryModel", "FULL")),
            Map.of()));
    f.services
        .instances()
        .update(
            withSimulationFaults(
                f.services.instances().get("rm-retry-twice"),
                Map.of("failOperation", "RESTORE_LOG", "database", "sales", "round", 1)));
    String taskId =
        f.submit("rm-retry-twice", WorkflowFixture.upgradeTo2022("Immediate", "t-twice"));
    Workflow workflow = WorkflowServices.workflow(f.services);
    UpgradeState s =
        new PrecheckHandler(workflow).handle(UpgradeState.start(taskId, "rm-retry-twice"));
    for (PhaseHandler phase :
        List.<PhaseHandler>of(
            new CreateTargetHandler(workflow),
            new FullBackupHandler(workflow),
            new RestoreFullHandler(workflow),
            new CatchUpHandler(workflow))) {
      s = phase.handle(s);
      while (!Boolean.TRUE.equals(s.done())) {
        f.clock.advanceSeconds(s.waitSeconds());
        UpgradeState first = phase.handle(s);
        UpgradeState again = phase.handle(s);
        assertThat(again).isEqualTo(first);
        s = again;
      }
    }

    assertThat(f.services.tasks().get(taskId).warnings())
        .filteredOn(w -> w.startsWith("LOG_RESTORE_RETRIED"))
        .hasSize(1);
    assertThat(
            f.sim().poll(new OperationKey(taskId, OperationKind.RESTORE_LOG, "sales", 2)).state())
        .isEqualTo(OperationStatus.State.SUCCEEDED);
    Map<String, Integer> effects = f.sim().effectCounts("rm-retry-twice");
    assertThat(effects.get("RESTORE_LOG")).isEqualTo(effects.get("LOG_BACKUP"));
  }

  /**
   * The fault goes into the instance's simulation profile, which the simulated data plane reads.
   */
  static Instance withSimulationFaults(Instance i, Map<String, Object> faults) {
    Map<String, Object> simulation = new java.util.HashMap<>(i.simulation());
    simulation.put("faults", faults);
    return new Instance(
        i.instanceId(),
        i.engineVersion(),
        i.sqlEdition(),
        i.rdsEdition(),
        i.instanceType(),
        i.dataSizeGb(),
        i.maintenanceWindow(),
        i.networkType(),
        i.adDomainJoined(),
        i.serverless(),
        i.readOnly(),
        i.readOnlyReplicaIds(),
        i.endpoint(),
        i.vip(),
        i.port(),
        i.tags(),
        i.engine(),
        simulation,
        i.replicationTasks(),
        i.status(),
        i.activeTaskId(),
        i.createdAt(),
        i.updatedAt(),
        i.version());
  }
}
