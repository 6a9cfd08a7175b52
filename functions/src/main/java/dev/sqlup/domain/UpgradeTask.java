package dev.sqlup.domain;

import java.time.Instant;
import java.util.List;

/**
 * An upgrade task. {@code clientToken} and {@code requestHash} make submission idempotent;
 * {@code version} is the optimistic-locking counter (every update must name the version it read).
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
    long version) {

  public UpgradeTask {
    steps = steps == null ? List.of() : List.copyOf(steps);
    stoppedReplicationTasks = stoppedReplicationTasks == null ? List.of() : List.copyOf(stoppedReplicationTasks);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  public UpgradeTask failed(String reason, Instant at) {
    return new UpgradeTask(taskId, instanceId, TaskStatus.Failed, currentStep, progress, 0, estimate, steps,
        source, target, switchTime, acceleratedDatabaseRecovery, createdAt, at, clientToken, requestHash, reason,
        downtimeSeconds, stoppedReplicationTasks, warnings, version);
  }

  /** Copy with another status, step and progress (what a workflow phase typically records). */
  public UpgradeTask progressed(TaskStatus newStatus, String step, int newProgress, long remaining,
      List<TaskStep> newSteps, Instant at) {
    return new UpgradeTask(taskId, instanceId, newStatus, step, newProgress, remaining, estimate, newSteps,
        source, target, switchTime, acceleratedDatabaseRecovery, createdAt, at, clientToken, requestHash,
        failureReason, downtimeSeconds, stoppedReplicationTasks, warnings, version);
  }

  public UpgradeTask withVersion(long newVersion) {
    return new UpgradeTask(taskId, instanceId, status, currentStep, progress, remainingSeconds, estimate, steps,
        source, target, switchTime, acceleratedDatabaseRecovery, createdAt, updatedAt, clientToken, requestHash,
        failureReason, downtimeSeconds, stoppedReplicationTasks, warnings, newVersion);
  }
}
