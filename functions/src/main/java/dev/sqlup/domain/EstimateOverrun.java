package dev.sqlup.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When an in-flight task counts as running longer than its estimate allows: {@code estimate × 1.5},
 * at least 15 min more than the estimate, not counting the time it waited for its switch window
 * (which the estimate leaves out). Known when the task is written, so the store can keep it beside
 * the task and the sweeper need not read whole tasks to find the late ones.
 */
public final class EstimateOverrun {
  /** The task step of the wait for the switch window. */
  public static final String WAIT_STEP = "waitForWindow";

  /**
   * Upgrades run at the guide's speeds give or take; half the estimate again, at least 15 min, is
   * the slack.
   */
  public static final double ALLOWANCE_FACTOR = 1.5;

  public static final Duration MIN_SLACK = Duration.ofMinutes(15);

  private EstimateOverrun() {}

  /**
   * The instant from which {@code task} is over its estimate; empty when it has no estimate, or
   * while it waits for its switch (the wait is not working time, and its end is not known yet).
   */
  public static Optional<Instant> at(UpgradeTask task) {
    if (task.estimate() == null
        || task.createdAt() == null
        || task.status() == TaskStatus.WaitingForSwitchWindow) {
      return Optional.empty();
    }
    Optional<TaskStep> wait =
        task.steps().stream()
            .filter(s -> s.name().equals(WAIT_STEP) && s.startedAt() != null)
            .findFirst();
    long estimate = task.estimate().totalSeconds();
    long allowed =
        Math.max(Math.round(estimate * ALLOWANCE_FACTOR), estimate + MIN_SLACK.toSeconds());
    if (wait.isPresent() && wait.get().endedAt() == null) {
      // Waiting (for an approval, a guard): the clock is stopped, so over only if it was before.
      Instant over = task.createdAt().plusSeconds(allowed);
      return over.isBefore(wait.get().startedAt()) ? Optional.of(over) : Optional.empty();
    }
    Duration waited =
        wait.map(s -> Duration.between(s.startedAt(), s.endedAt())).orElse(Duration.ZERO);
    return Optional.of(task.createdAt().plus(waited).plusSeconds(allowed));
  }

  /** Whether {@code task} is over its estimate at {@code now}. */
  public static boolean isOver(UpgradeTask task, Instant now) {
    return at(task).map(now::isAfter).orElse(false);
  }
}
