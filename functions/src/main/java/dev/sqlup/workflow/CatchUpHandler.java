package dev.sqlup.workflow;

import dev.sqlup.domain.Estimate;
import dev.sqlup.domain.Estimator;
import dev.sqlup.domain.SwitchTime;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.workflow.plan.CatchUpPolicy;
import dev.sqlup.workflow.plan.DatabasePlanner;
import dev.sqlup.workflow.plan.DatabaseProgress;
import dev.sqlup.workflow.plan.Goal;
import java.time.Duration;

/** Phase 5 */
public final class CatchUpHandler extends ReplicationPhaseHandler {
  public CatchUpHandler() {
    this(dev.sqlup.config.Services.fromEnvironment());
    initForLambda();
  }

  public CatchUpHandler(dev.sqlup.config.Services services) {
    this(WorkflowServices.workflow(services));
  }

  CatchUpHandler(Workflow workflow) {
    super(workflow);
  }

  @Override
  Goal goal() {
    return Goal.CAUGHT_UP;
  }

  /**
   * An {@code Immediate} switch is due as soon as the log is caught up, and the endpoint may only
   * move one old TTL after the record's TTL was lowered: lowering it when the catch-up starts (not
   * when the switch becomes due, as for the other switch times) means the move never waits for old
   * answers while writes are stopped.
   */
  @Override
  protected UpgradeState run(UpgradeState state) {
    UpgradeTask task = workflow.records().task(state.taskId());
    if (task.switchTime() == SwitchTime.Immediate
        && TaskSteps.find(task.steps(), CutoverCheck.LOWER_TTL_STEP).isEmpty()) {
      CutoverCheck.lowerTtl(
          workflow,
          task,
          workflow.records().instance(state.instanceId()),
          workflow.clock().instant());
    }
    return super.run(state);
  }

  @Override
  String phase() {
    return Estimate.LOG_BACKUP;
  }

  /**
   * The final catch-up (the switch is due: {@code $.switchPlan} is set) ships rounds until the lag
   * is {@link #FINAL_LAG_BYTES}, not the 2 GB of the first catch-up: the tail-log backup and its
   * restore move that lag while writes are stopped. Never below twice the least round the log rate
   * allows ({@link CatchUpPolicy#leastRoundBytes}), so a busy source still converges.
   */
  @Override
  DatabasePlanner planner(UpgradeState state) {
    CatchUpPolicy policy = workflow.policy();
    if (state.switchPlan() == null) {
      return workflow.planner();
    }
    long instanceRate =
        state.databases().stream().mapToLong(DatabaseProgress::logBytesPerHour).sum();
    long least =
        state.databases().stream()
            .mapToLong(
                d ->
                    CatchUpPolicy.leastRoundBytes(
                        d.logBytesPerHour(),
                        instanceRate,
                        SHIP_BYTES_PER_HOUR,
                        Duration.ofSeconds(Estimator.LOG_OVERHEAD_SECONDS)))
            .max()
            .orElse(0);
    long target =
        Math.min(
            policy.smallLagBytes(),
            Math.max(FINAL_LAG_BYTES, least > Long.MAX_VALUE / 2 ? least : 2 * least));
    return new DatabasePlanner(
        new CatchUpPolicy(
            target,
            policy.maxRounds(),
            policy.minShipInterval(),
            policy.maxShipInterval(),
            policy.maxLogFailuresInRow()));
  }

  /**
   * Lag the final catch-up aims for ({@link dev.sqlup.domain.DowntimeEstimate#FINAL_LAG_BYTES}).
   */
  static final long FINAL_LAG_BYTES = dev.sqlup.domain.DowntimeEstimate.FINAL_LAG_BYTES;

  private static final double SHIP_BYTES_PER_HOUR = dev.sqlup.domain.Speeds.GUIDE_GB_PER_HOUR * 1e9;
}
