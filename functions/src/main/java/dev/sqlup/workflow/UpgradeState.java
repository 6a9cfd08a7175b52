package dev.sqlup.workflow;

import dev.sqlup.dataplane.TargetRef;
import dev.sqlup.workflow.plan.DatabasePlanner;
import dev.sqlup.workflow.plan.DatabaseProgress;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The execution payload every phase handler takes and returns (the state machine passes the whole
 * state: no ResultPath on phase tasks). It stays small (about 1 KB per database): operation results
 * are polled back from the data plane by their deterministic keys, not carried along.
 *
 * <p>{@code done} and {@code waitSeconds} drive the "advance" loop: {@code Task → Choice($.done) →
 * Wait(SecondsPath $.waitSeconds) → Task}. {@code error} is what a Catch put at {@code $.error}
 * ({@code {"Error": ..., "Cause": ...}}); {@code outcome} and {@code failureReason} are set by
 * compensation.
 *
 * @param taskId the upgrade task (also the execution name)
 * @param instanceId the instance being upgraded
 * @param done the current phase finished
 * @param waitSeconds seconds until something the current phase waits for should have changed
 * @param target the new instance, once created
 * @param databases per-database progress, from the precheck on
 * @param switchPlan when to switch, from ChooseSwitchTime on
 * @param endpoint the endpoint move, from MoveEndpoint on
 */
public record UpgradeState(
    String taskId,
    String instanceId,
    Boolean done,
    Long waitSeconds,
    TargetRef target,
    List<DatabaseProgress> databases,
    SwitchPlan switchPlan,
    EndpointMove endpoint,
    Map<String, Object> error,
    String outcome,
    String failureReason) {

  public UpgradeState {
    databases = databases == null ? List.of() : List.copyOf(databases);
  }

  public static UpgradeState start(String taskId, String instanceId) {
    return new UpgradeState(
        taskId, instanceId, null, null, null, null, null, null, null, null, null);
  }

  public UpgradeState advanced(boolean isDone, long seconds) {
    return new UpgradeState(
        taskId,
        instanceId,
        isDone,
        isDone ? 0L : Math.max(1, seconds),
        target,
        databases,
        switchPlan,
        endpoint,
        error,
        outcome,
        failureReason);
  }

  public UpgradeState withTarget(TargetRef newTarget) {
    return new UpgradeState(
        taskId,
        instanceId,
        done,
        waitSeconds,
        newTarget,
        databases,
        switchPlan,
        endpoint,
        error,
        outcome,
        failureReason);
  }

  public UpgradeState withDatabases(List<DatabaseProgress> newDatabases) {
    return new UpgradeState(
        taskId,
        instanceId,
        done,
        waitSeconds,
        target,
        newDatabases,
        switchPlan,
        endpoint,
        error,
        outcome,
        failureReason);
  }

  public UpgradeState withDatabases(UnaryOperator<DatabaseProgress> change) {
    return withDatabases(databases.stream().map(change).toList());
  }

  public UpgradeState withSwitchPlan(SwitchPlan plan) {
    return new UpgradeState(
        taskId,
        instanceId,
        done,
        waitSeconds,
        target,
        databases,
        plan,
        endpoint,
        error,
        outcome,
        failureReason);
  }

  public UpgradeState withEndpoint(EndpointMove move) {
    return new UpgradeState(
        taskId,
        instanceId,
        done,
        waitSeconds,
        target,
        databases,
        switchPlan,
        move,
        error,
        outcome,
        failureReason);
  }

  public UpgradeState withOutcome(String newOutcome, String reason) {
    return new UpgradeState(
        taskId,
        instanceId,
        true,
        0L,
        target,
        databases,
        switchPlan,
        endpoint,
        error,
        newOutcome,
        reason);
  }

  /** True when every database reached the goal (see {@link DatabasePlanner#reached}). */
  public boolean all(java.util.function.Predicate<DatabaseProgress> test) {
    return !databases.isEmpty() && databases.stream().allMatch(test);
  }
}
