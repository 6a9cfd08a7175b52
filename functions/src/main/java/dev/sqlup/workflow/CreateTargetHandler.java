package dev.sqlup.workflow;

import dev.sqlup.dataplane.DataPlane;
import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.dataplane.OperationStatus;
import dev.sqlup.domain.Estimate;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.StepStatus;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import java.time.Instant;

/**
 * Phase 2: create and configure the target (target version, editions and type; same name, port,
 * tags, logins with their SIDs; settings sized for the type). The start is repeated on every
 * invocation: it is idempotent on {@code taskId/CREATE_TARGET}, so a retried invocation never
 * creates a second target.
 */
public final class CreateTargetHandler extends PhaseHandler {
  public CreateTargetHandler() {
    this(dev.sqlup.config.Services.fromEnvironment());
    initForLambda();
  }

  public CreateTargetHandler(dev.sqlup.config.Services services) {
    this(WorkflowServices.workflow(services));
  }

  CreateTargetHandler(Workflow workflow) {
    super(workflow);
  }

  @Override
  protected void addPrimingSteps(dev.sqlup.config.SnapStartPriming priming) {
    priming.step(
        "the catalogue's instance types",
        () -> workflow.catalogue().instanceType("mssql.x4.large").orElseThrow());
  }

  @Override
  protected UpgradeState run(UpgradeState state) {
    Instant now = workflow.clock().instant();
    UpgradeTask task = workflow.records().task(state.taskId());
    Instance instance = workflow.records().instance(state.instanceId());
    dev.sqlup.domain.MaintenanceWindow window =
        dev.sqlup.domain.MaintenanceWindow.parse(instance.maintenanceWindow()).orElse(null);
    DataPlane plane = workflow.dataPlanes().of(instance).plane();
    InstanceRef source = Refs.source(instance);
    OperationKey key = OperationKey.of(task.taskId(), OperationKind.CREATE_TARGET);
    plane.startCreateTarget(
        key, source, Refs.targetSpec(instance, task.target(), workflow.catalogue()));
    OperationStatus status = plane.poll(key);
    switch (status.state()) {
      case FAILED -> throw new UpgradeFailedException("CreateTargetFailed", status.error());
      case SUCCEEDED -> {
        workflow
            .records()
            .updateTask(
                task.taskId(),
                t ->
                    TaskProgress.withWindowWait(
                        TaskProgress.at(
                            t,
                            TaskStatus.Running,
                            Estimate.CREATE,
                            1,
                            TaskSteps.finished(
                                t.steps(),
                                Estimate.CREATE,
                                StepStatus.Succeeded,
                                now,
                                "target "
                                    + status.target().targetId()
                                    + " ("
                                    + status.target().engineVersion()
                                    + " "
                                    + status.target().sqlEdition()
                                    + ", "
                                    + task.target().instanceType()
                                    + ") at "
                                    + status.target().host()
                                    + ":"
                                    + status.target().port()),
                            now),
                        window,
                        now));
        return state.withTarget(status.target()).advanced(true, 0);
      }
      default -> {
        workflow
            .records()
            .updateTask(
                task.taskId(),
                t ->
                    TaskProgress.withWindowWait(
                        TaskProgress.at(
                            t,
                            TaskStatus.Running,
                            Estimate.CREATE,
                            status.percentComplete() / 100,
                            TaskSteps.started(
                                t.steps(),
                                Estimate.CREATE,
                                now,
                                "creating "
                                    + task.target().engineVersion()
                                    + " "
                                    + task.target().sqlEdition()
                                    + " "
                                    + task.target().instanceType()),
                            now),
                        window,
                        now));
        return state.advanced(false, status.remainingSeconds() + 1);
      }
    }
  }
}
