package dev.sqlup.workflow;

import dev.sqlup.dataplane.DataPlane;
import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.Lsn;
import dev.sqlup.dataplane.SourceInventory;
import dev.sqlup.domain.Estimate;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.ReplicationTask;
import dev.sqlup.domain.StepStatus;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.workflow.plan.DatabaseProgress;
import dev.sqlup.workflow.plan.Goal;
import dev.sqlup.workflow.plan.SwitchStage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Phase 7a: the switchover. First the running log work drains (no new round); then the pre-switch
 * guard (databases created or dropped, recovery models changed since the precheck: fail while the
 * source is still untouched); then the point of no return is recorded in the task (step {@code
 * pointOfNoReturn}) <em>before</em> the tail-log backups WITH NORECOVERY start; then each tail is
 * restored WITH RECOVERY, RESTRICTED_USER (with Accelerated Database Recovery when asked) while the
 * endpoint moves ({@link SwitchOpening}, started once every tail backup has finished); the target's
 * last LSN must equal the tail's last LSN (no data loss); only then, with the endpoint resolving to
 * the target, are the databases opened to applications ({@code SET MULTI_USER}) and the downtime
 * recorded. A failure after the point of no return but before the opening makes compensation move
 * the endpoint back and recover the source: applications could not write to the target.
 */
public final class SwitchoverHandler extends PhaseHandler {
  public SwitchoverHandler() {
    this(dev.sqlup.config.Services.fromEnvironment());
    initForLambda();
  }

  public SwitchoverHandler(dev.sqlup.config.Services services) {
    this(WorkflowServices.workflow(services));
  }

  SwitchoverHandler(Workflow workflow) {
    super(workflow);
  }

  @Override
  protected UpgradeState run(UpgradeState state) {
    Instant now = workflow.clock().instant();
    UpgradeTask task = workflow.records().task(state.taskId());
    Instance instance = workflow.records().instance(state.instanceId());
    DataPlane plane = workflow.dataPlanes().of(instance).plane();
    InstanceRef source = Refs.source(instance);
    Replication replication = new Replication(workflow.planner());
    UpgradeState current = state;
    if (TaskSteps.startedAt(task.steps(), TaskSteps.POINT_OF_NO_RETURN).isEmpty()) {
      Replication.Advance drained =
          replication.advance(plane, source, current, Goal.DRAINED, now, false);
      current = drained.state();
      if (!drained.reached()) {
        if (!drained.warnings().isEmpty()) {
          workflow
              .records()
              .updateTask(task.taskId(), t -> TaskCopies.withWarnings(t, drained.warnings()));
        }
        return current.advanced(
            false, Replication.waitSeconds(drained.nextChangeSeconds(), Duration.ofHours(1)));
      }
      guardMetadata(plane.inventory(source), current.databases());
      SwitchPlan plan = current.switchPlan();
      if (plan != null && task.cutover().revision() != plan.revisionOrZero()) {
        // The switch setting changed after the cutover check (switch rescheduled): decide again,
        // untouched.
        return current
            .withSwitchPlan(
                new SwitchPlan(
                    plan.mode(),
                    plan.at(),
                    plan.windowEnd(),
                    false,
                    "the switch setting changed before the point of no return",
                    SwitchPlan.RECHECK,
                    false,
                    null,
                    plan.revision(),
                    plan.notBefore(),
                    null,
                    null))
            .advanced(false, 1);
      }
      List<String> warnings = new ArrayList<>(drained.warnings());
      warnings.addAll(plane.preSwitchWarnings(source));
      List<String> stopped = stopReplicationTasks(instance);
      int revision = plan == null ? 0 : plan.revisionOrZero();
      UpgradeTask recorded =
          workflow
              .records()
              .updateTask(
                  task.taskId(),
                  t -> {
                    if (t.cutover().revision() != revision) {
                      return t; // changed under us: the point of no return is not recorded, the
                      // check above runs again
                    }
                    UpgradeTask switching =
                        TaskProgress.at(
                            t,
                            TaskStatus.Switching,
                            Estimate.SWITCH,
                            0,
                            TaskSteps.started(
                                TaskSteps.started(
                                    t.steps(),
                                    TaskSteps.POINT_OF_NO_RETURN,
                                    now,
                                    "tail-log backup WITH NORECOVERY starts: writes stop on the source; until the databases "
                                        + "are opened on the target (SET MULTI_USER) a failure moves the endpoint back "
                                        + "and restores the source WITH RECOVERY"),
                                Estimate.SWITCH,
                                now,
                                "switchover"),
                            now);
                    UpgradeTask withWarnings = TaskCopies.withWarnings(switching, warnings);
                    List<String> allStopped =
                        new ArrayList<>(withWarnings.stoppedReplicationTasks());
                    stopped.stream()
                        .filter(id -> !allStopped.contains(id))
                        .forEach(allStopped::add);
                    return TaskCopies.with(
                        withWarnings,
                        withWarnings.status(),
                        withWarnings.failureReason(),
                        withWarnings.downtimeSeconds(),
                        allStopped,
                        withWarnings.warnings());
                  });
      if (TaskSteps.startedAt(recorded.steps(), TaskSteps.POINT_OF_NO_RETURN).isEmpty()) {
        return current.advanced(false, 1);
      }
    }
    Replication.Advance advance =
        replication.advance(
            plane, source, current, Goal.RECOVERED, now, task.acceleratedDatabaseRecovery());
    UpgradeState restored = advance.state();
    boolean recovered = advance.reached();
    if (recovered) {
      // Before the databases are opened: a mismatch is compensated by moving the endpoint back.
      verifyNoDataLoss(plane, restored);
    }
    SwitchOpening.Progress opening = new SwitchOpening(workflow).advance(restored, recovered, now);
    UpgradeState next = opening.state();
    double fraction =
        next.databases().stream()
                .filter(db -> db.switchStage().ordinal() > 0)
                .mapToDouble(db -> db.switchStage().ordinal())
                .sum()
            / ((double) SwitchStage.RECOVERED.ordinal() * next.databases().size());
    workflow
        .records()
        .updateTask(
            task.taskId(),
            t -> {
              List<dev.sqlup.domain.TaskStep> steps =
                  TaskProgress.replicationSteps(t.steps(), next.databases(), now, false);
              if (recovered && !TaskSteps.isFinished(steps, Estimate.RESTORE_DATABASES)) {
                steps =
                    TaskSteps.finished(
                        steps,
                        Estimate.RESTORE_DATABASES,
                        StepStatus.Succeeded,
                        now,
                        "recovered "
                            + next.databases().size()
                            + " database(s) "
                            + TaskSteps.RESTRICTED_USER
                            + "; target LSN = tail LSN for each"
                            + (t.acceleratedDatabaseRecovery()
                                ? " (Accelerated Database Recovery on)"
                                : ""));
              }
              UpgradeTask progressed =
                  TaskProgress.at(
                      t,
                      TaskStatus.Switching,
                      Estimate.SWITCH,
                      opening.opened() ? 0.3 : fraction * 0.2,
                      steps,
                      now);
              return TaskCopies.withWarnings(progressed, advance.warnings());
            });
    if (opening.opened()) {
      return next.advanced(true, 0);
    }
    OptionalLong soonest = advance.nextChangeSeconds();
    if (opening.nextChangeSeconds().isPresent()
        && (soonest.isEmpty() || opening.nextChangeSeconds().getAsLong() < soonest.getAsLong())) {
      soonest = opening.nextChangeSeconds();
    }
    return next.advanced(false, Replication.waitSeconds(soonest, Duration.ofHours(1)));
  }

  /** The guide: no databases created or dropped, no recovery model changed during the upgrade. */
  static void guardMetadata(SourceInventory now, List<DatabaseProgress> atStart) {
    Map<String, String> before =
        atStart.stream()
            .collect(Collectors.toMap(DatabaseProgress::name, DatabaseProgress::recoveryModel));
    Map<String, String> after =
        now.databases().stream()
            .collect(
                Collectors.toMap(SourceInventory.Database::name, d -> d.recoveryModel().name()));
    List<String> changes = new ArrayList<>();
    before.keySet().stream()
        .filter(n -> !after.containsKey(n))
        .sorted()
        .forEach(n -> changes.add(n + " dropped"));
    after.keySet().stream()
        .filter(n -> !before.containsKey(n))
        .sorted()
        .forEach(n -> changes.add(n + " created"));
    before.keySet().stream()
        .filter(after::containsKey)
        .filter(n -> !before.get(n).equals(after.get(n)))
        .sorted()
        .forEach(n -> changes.add(n + " recovery model " + before.get(n) + " -> " + after.get(n)));
    if (!changes.isEmpty()) {
      throw new UpgradeFailedException(
          "MetadataChanged",
          "instance metadata changed during the upgrade ("
              + String.join(", ", changes)
              + "); the switch would lose or corrupt data, so the source stays as it was");
    }
  }

  static void verifyNoDataLoss(DataPlane plane, UpgradeState state) {
    List<String> lost = new ArrayList<>();
    for (DatabaseProgress db : state.databases()) {
      Lsn restored = plane.lastRestoredLsn(state.target(), db.name());
      Lsn tail = db.tail().lastLsn();
      if (!restored.equals(tail)) {
        lost.add(db.name() + " (target " + restored + ", source tail " + tail + ")");
      }
    }
    if (!lost.isEmpty()) {
      throw new UpgradeFailedException(
          "DataLoss",
          "the target's last LSN differs from the source's tail LSN: " + String.join(", ", lost));
    }
  }

  /**
   * DTS-like tasks stop when writes stop on the source; they are listed in the task for the user to
   * restart.
   */
  private List<String> stopReplicationTasks(Instance instance) {
    List<String> active =
        instance.replicationTasks().stream()
            .filter(ReplicationTask::isActive)
            .map(ReplicationTask::id)
            .toList();
    if (active.isEmpty()) {
      return List.of();
    }
    Function<ReplicationTask, ReplicationTask> stop =
        r -> r.isActive() ? new ReplicationTask(r.id(), "Stopped") : r;
    workflow
        .records()
        .updateInstance(
            instance.instanceId(),
            i ->
                Instances.withReplicationTasks(
                    i, i.replicationTasks().stream().map(stop).toList()));
    return active;
  }
}
