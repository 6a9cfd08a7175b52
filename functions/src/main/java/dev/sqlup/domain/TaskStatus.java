package dev.sqlup.domain;

/** Status of an upgrade task. {@code Succeeded} and {@code Failed} are final. */
public enum TaskStatus {
  Pending,
  Running,
  WaitingForSwitchWindow,
  /**
   * switchTime OnApproval: caught up, log shipping on, waiting for {@code POST
   * /tasks/{taskId}/switchover}.
   */
  WaitingForApproval,
  /**
   * The switch is due but a cutover guard holds it (the task's {@code cutover.hold} says which and
   * why).
   */
  WaitingForCutoverGuard,
  Switching,
  Succeeded,
  Failed;

  public boolean isFinal() {
    return this == Succeeded || this == Failed;
  }

  /**
   * Started and not finished: an execution should be driving the task (Pending is a submission not
   * yet started).
   */
  public boolean isInFlight() {
    return this != Pending && !isFinal();
  }
}
