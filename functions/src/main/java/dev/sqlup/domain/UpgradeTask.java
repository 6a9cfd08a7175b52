package dev.sqlup.domain;

import java.time.Instant;
import java.util.List;

/**
 * An upgrade task. {@code clientToken} and {@code requestHash} make submission idempotent; {@code
 * version} is the optimistic-locking counter (every update must name the version it read); {@code
 * cutover} holds the scheduled time, the cutover guards, the switch-time history and guard holds.
 * {@code dataPlane} is the binding the upgrade runs on ({@code simulated} or {@code sqlserver}), so
 * a record of a simulated upgrade says so wherever it is read (null on tasks written before it
 * existed).
 */
public record UpgradeTask(
    String taskId,
    String instanceId,
    TaskStatus status,
    String currentStep,
    int progress,
    long remainingSeconds,
    Estimate estimate,
    List<TaskStep> steps,
    InstanceSpec source,
    InstanceSpec target,
    SwitchTime switchTime,
    boolean acceleratedDatabaseRecovery,
    Instant createdAt,
    Instant updatedAt,
    String clientToken,
    String requestHash,
    String failureReason,
    Long downtimeSeconds,
    List<String> stoppedReplicationTasks,
    List<String> warnings,
    long version,
    Cutover cutover,
    String dataPlane) {

  public UpgradeTask {
    cutover = cutover == null ? Cutover.NONE : cutover;
    steps = steps == null ? List.of() : List.copyOf(steps);
    stoppedReplicationTasks =
        stoppedReplicationTasks == null ? List.of() : List.copyOf(stoppedReplicationTasks);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /** A task without cutover settings (defaults apply) or a recorded data plane. */
  public UpgradeTask(
      String taskId,
      String instanceId,
      TaskStatus status,
      String currentStep,
      int progress,
      long remainingSeconds,
      Estimate estimate,
      List<TaskStep> steps,
      InstanceSpec source,
      InstanceSpec target,
      SwitchTime switchTime,
      boolean acceleratedDatabaseRecovery,
      Instant createdAt,
      Instant updatedAt,
      String clientToken,
      String requestHash,
      String failureReason,
      Long downtimeSeconds,
      List<String> stoppedReplicationTasks,
      List<String> warnings,
      long version) {
    this(
        taskId,
        instanceId,
        status,
        currentStep,
        progress,
        remainingSeconds,
        estimate,
        steps,
        source,
        target,
        switchTime,
        acceleratedDatabaseRecovery,
        createdAt,
        updatedAt,
        clientToken,
        requestHash,
        failureReason,
        downtimeSeconds,
        stoppedReplicationTasks,
        warnings,
        version,
        Cutover.NONE,
        null);
  }

  /**
   * The remaining time as of {@code now}: the last write's figure counted down by the time since
   * ({@code updatedAt}), so it does not stand still between the workflow's writes (hours apart
   * while a long copy runs or the upgrade sleeps until its switch). Unchanged while the wait has no
   * known end (approval, a holding guard, not started) or the task has finished.
   */
  public long remainingSecondsAt(Instant now) {
    if (status.isFinal()
        || status == TaskStatus.WaitingForApproval
        || status == TaskStatus.WaitingForCutoverGuard
        || status == TaskStatus.Pending
        || updatedAt == null
        || !now.isAfter(updatedAt)) {
      return remainingSeconds;
    }
    return Math.max(0, remainingSeconds - java.time.Duration.between(updatedAt, now).toSeconds());
  }

  /** Copy with another switch time and cutover record (the API's switchover and reschedule). */
  public UpgradeTask withSwitch(SwitchTime newSwitchTime, Cutover newCutover) {
    return new UpgradeTask(
        taskId,
        instanceId,
        status,
        currentStep,
        progress,
        remainingSeconds,
        estimate,
        steps,
        source,
        target,
        newSwitchTime,
        acceleratedDatabaseRecovery,
        createdAt,
        updatedAt,
        clientToken,
        requestHash,
        failureReason,
        downtimeSeconds,
        stoppedReplicationTasks,
        warnings,
        version,
        newCutover,
        dataPlane);
  }

  /** Copy with another cutover record. */
  public UpgradeTask withCutover(Cutover newCutover) {
    return withSwitch(switchTime, newCutover);
  }

  public UpgradeTask failed(String reason, Instant at) {
    return new UpgradeTask(
        taskId,
        instanceId,
        TaskStatus.Failed,
        currentStep,
        progress,
        0,
        estimate,
        steps,
        source,
        target,
        switchTime,
        acceleratedDatabaseRecovery,
        createdAt,
        at,
        clientToken,
        requestHash,
        reason,
        downtimeSeconds,
        stoppedReplicationTasks,
        warnings,
        version,
        cutover,
        dataPlane);
  }

  /** Copy with another status, step and progress (what a workflow phase typically records). */
  public UpgradeTask progressed(
      TaskStatus newStatus,
      String step,
      int newProgress,
      long remaining,
      List<TaskStep> newSteps,
      Instant at) {
    return new UpgradeTask(
        taskId,
        instanceId,
        newStatus,
        step,
        newProgress,
        remaining,
        estimate,
        newSteps,
        source,
        target,
        switchTime,
        acceleratedDatabaseRecovery,
        createdAt,
        at,
        clientToken,
        requestHash,
        failureReason,
        downtimeSeconds,
        stoppedReplicationTasks,
        warnings,
        version,
        cutover,
        dataPlane);
  }

  public UpgradeTask withVersion(long newVersion) {
    return new UpgradeTask(
        taskId,
        instanceId,
        status,
        currentStep,
        progress,
        remainingSeconds,
        estimate,
        steps,
        source,
        target,
        switchTime,
        acceleratedDatabaseRecovery,
        createdAt,
        updatedAt,
        clientToken,
        requestHash,
        failureReason,
        downtimeSeconds,
        stoppedReplicationTasks,
        warnings,
        newVersion,
        cutover,
        dataPlane);
  }
}
