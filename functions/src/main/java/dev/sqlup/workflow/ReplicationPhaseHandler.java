package dev.sqlup.workflow;

import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.MaintenanceWindow;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.workflow.plan.DatabasePlanner;
import dev.sqlup.workflow.plan.Goal;
import java.time.Duration;
import java.time.Instant;

/**
 * Phases 3–5 share one pipeline (see {@link Replication}); each drives it to its own goal and waits
 * exactly until the next operation should have finished, so the number of invocations does not grow
 * with the data size.
 */
abstract class ReplicationPhaseHandler extends PhaseHandler {
  /** Used only when nothing is in flight and the goal is not reached (never expected). */
  static final Duration IDLE_WAIT = Duration.ofMinutes(1);

  ReplicationPhaseHandler(Workflow workflow) {
    super(workflow);
  }

  abstract Goal goal();

  /** The planner of this phase for {@code state}: the workflow's, unless a phase says otherwise. */
  DatabasePlanner planner(UpgradeState state) {
    return workflow.planner();
  }

  /** The estimator phase this handler reports progress in. */
  abstract String phase();

  @Override
  protected UpgradeState run(UpgradeState state) {
    Instant now = workflow.clock().instant();
    UpgradeTask task = workflow.records().task(state.taskId());
    Instance instance = workflow.records().instance(state.instanceId());
    InstanceRef source = Refs.source(instance);
    DatabasePlanner planner = planner(state);
    Replication.Advance advance =
        new Replication(planner)
            .advance(
                workflow.dataPlanes().of(instance).plane(),
                source,
                state,
                goal(),
                now,
                task.acceleratedDatabaseRecovery());
    UpgradeState next = advance.state();
    boolean caughtUp = goal() == Goal.CAUGHT_UP && advance.reached();
    double fraction = TaskProgress.fraction(next.databases(), planner, goal(), now);
    // The final catch-up of a switch a guard holds keeps showing the hold until the guards are
    // checked again.
    workflow
        .records()
        .updateTask(
            task.taskId(),
            t ->
                TaskCopies.withWarnings(
                    TaskProgress.withWindowWait(
                        TaskProgress.at(
                            t,
                            t.status() == TaskStatus.WaitingForCutoverGuard
                                ? t.status()
                                : TaskStatus.Running,
                            phase(),
                            fraction,
                            TaskProgress.replicationSteps(
                                t.steps(), next.databases(), now, caughtUp),
                            now),
                        MaintenanceWindow.parse(instance.maintenanceWindow()).orElse(null),
                        now),
                    advance.warnings()));
    if (advance.reached()) {
      return next.advanced(true, 0);
    }
    long wait =
        advance.nextChangeSeconds().isPresent()
            ? Replication.waitSeconds(advance.nextChangeSeconds(), Duration.ofDays(365))
            : IDLE_WAIT.toSeconds();
    return next.advanced(false, wait);
  }
}
