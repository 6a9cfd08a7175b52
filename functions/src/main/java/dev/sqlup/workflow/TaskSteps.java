package dev.sqlup.workflow;

import dev.sqlup.domain.StepStatus;
import dev.sqlup.domain.TaskStep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The task's step list as the workflow keeps it: one step per phase, named after the estimator's
 * phases ({@code create}, {@code fullBackup}, ...) plus {@code precheck}, {@code waitForWindow} and
 * the markers the failure policy reads: {@code pointOfNoReturn} (started just before the tail-log
 * backup), {@code endpointMove} (started just before the endpoint move, while the tails are
 * restored and the databases are RESTRICTED_USER) and {@code openDatabases} (started just before
 * {@code SET MULTI_USER}: applications may write to the target from then on). Changes are
 * idempotent: starting a started step keeps its first start time.
 */
public final class TaskSteps {
  public static final String PRECHECK = "precheck";
  public static final String WAIT_FOR_WINDOW = "waitForWindow";
  public static final String POINT_OF_NO_RETURN = "pointOfNoReturn";
  public static final String ENDPOINT_MOVE = "endpointMove";
  public static final String OPEN_DATABASES = "openDatabases";

  private TaskSteps() {}

  public static Optional<TaskStep> find(List<TaskStep> steps, String name) {
    return steps.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The step started at {@code at} (first start wins), status Running unless already finished. */
  public static List<TaskStep> started(
      List<TaskStep> steps, String name, Instant at, String detail) {
    Optional<TaskStep> existing = find(steps, name);
    if (existing.isPresent() && existing.get().startedAt() != null) {
      return steps;
    }
    return put(steps, new TaskStep(name, StepStatus.Running, at, null, detail));
  }

  /** The step finished at {@code at} with {@code status}; a step never started starts then too. */
  public static List<TaskStep> finished(
      List<TaskStep> steps, String name, StepStatus status, Instant at, String detail) {
    Optional<TaskStep> existing = find(steps, name);
    Instant start = existing.map(TaskStep::startedAt).orElse(at);
    String text = detail != null ? detail : existing.map(TaskStep::detail).orElse(null);
    return put(steps, new TaskStep(name, status, start == null ? at : start, at, text));
  }

  /** Same step with a new detail (progress text), leaving times and status. */
  public static List<TaskStep> detailed(List<TaskStep> steps, String name, String detail) {
    return find(steps, name)
        .map(
            s -> put(steps, new TaskStep(s.name(), s.status(), s.startedAt(), s.endedAt(), detail)))
        .orElse(steps);
  }

  /** Marks the switchover's restore as the one that leaves the databases RESTRICTED_USER. */
  public static final String RESTRICTED_USER = "RESTRICTED_USER";

  /**
   * Applications may have written to the target: the databases were opened ({@code openDatabases}
   * started), or, for an execution from before the opening existed, the endpoint move started after
   * the databases had been recovered without RESTRICTED_USER (their {@code restoreDatabases} step
   * does not say {@value #RESTRICTED_USER}). From then on the upgrade only rolls forward.
   */
  public static boolean openedToApplications(List<TaskStep> steps) {
    if (startedAt(steps, OPEN_DATABASES).isPresent()) {
      return true;
    }
    if (startedAt(steps, ENDPOINT_MOVE).isEmpty()) {
      return false;
    }
    return find(steps, dev.sqlup.domain.Estimate.RESTORE_DATABASES)
        .map(s -> s.detail() == null || !s.detail().contains(RESTRICTED_USER))
        .orElse(false);
  }

  public static boolean isFinished(List<TaskStep> steps, String name) {
    return find(steps, name).map(s -> s.endedAt() != null).orElse(false);
  }

  public static Optional<Instant> startedAt(List<TaskStep> steps, String name) {
    return find(steps, name).map(TaskStep::startedAt);
  }

  private static List<TaskStep> put(List<TaskStep> steps, TaskStep step) {
    List<TaskStep> out = new ArrayList<>(steps);
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i).name().equals(step.name())) {
        out.set(i, step);
        return out;
      }
    }
    out.add(step);
    return out;
  }
}
