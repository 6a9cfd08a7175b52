package dev.sqlup.workflow;

import dev.sqlup.domain.GuardHold;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.workflow.plan.CatchUpPolicy;
import dev.sqlup.workflow.plan.CutoverGuardCheck;
import dev.sqlup.workflow.plan.DatabasePlanner;
import dev.sqlup.workflow.plan.Goal;
import java.time.Instant;

/**
 * One round of the waiting loop: polls running log rounds and starts one per database every ship
 * interval (see {@code CatchUpPolicy.shipInterval}) — or at once, down to the guard's figure, while
 * a log-lag or downtime guard holds the switch — then decides again when to switch ({@link
 * SwitchGate}).
 */
public final class KeepShippingHandler extends PhaseHandler {
  public KeepShippingHandler() {
    this(dev.sqlup.config.Services.fromEnvironment());
    initForLambda();
  }

  public KeepShippingHandler(dev.sqlup.config.Services services) {
    this(WorkflowServices.workflow(services));
  }

  KeepShippingHandler(Workflow workflow) {
    super(workflow);
  }

  @Override
  protected UpgradeState run(UpgradeState state) {
    Instant now = workflow.clock().instant();
    UpgradeTask task = workflow.records().task(state.taskId());
    Instance instance = workflow.records().instance(state.instanceId());
    SwitchPlan plan = state.switchPlan();
    DatabasePlanner planner = workflow.planner();
    Goal goal = Goal.KEEP_SHIPPING;
    if (plan != null
        && (GuardHold.LOG_LAG.equals(plan.holding())
            || GuardHold.DOWNTIME.equals(plan.holding()))) {
      // Catch up now, to what the holding guard needs, instead of at the next ship interval.
      long target =
          CutoverGuardCheck.lagTargetBytes(
              task.cutover().effectiveGuards(),
              plan.holding(),
              CutoverCheck.fixedDowntimeSeconds(task),
              CutoverCheck.logGbPerHour(task));
      CatchUpPolicy p = workflow.policy();
      planner =
          new DatabasePlanner(
              new CatchUpPolicy(
                  Math.min(target, p.smallLagBytes()),
                  p.maxRounds(),
                  p.minShipInterval(),
                  p.maxShipInterval(),
                  p.maxLogFailuresInRow()));
      goal = Goal.CAUGHT_UP;
    }
    Replication.Advance advance =
        new Replication(planner)
            .advance(
                workflow.dataPlanes().of(instance).plane(),
                Refs.source(instance),
                state,
                goal,
                now,
                task.acceleratedDatabaseRecovery());
    UpgradeState next = advance.state();
    // One write of the task per round: the progress of the log rounds together with the wait.
    return SwitchGate.route(
        workflow,
        task,
        instance,
        next,
        advance.nextChangeSeconds(),
        now,
        t ->
            TaskCopies.withWarnings(
                t.progressed(
                    t.status(),
                    t.currentStep(),
                    t.progress(),
                    t.remainingSecondsAt(now),
                    TaskProgress.replicationSteps(t.steps(), next.databases(), now, false),
                    now),
                advance.warnings()));
  }
}
