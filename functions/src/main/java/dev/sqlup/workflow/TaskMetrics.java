package dev.sqlup.workflow;

import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.TaskStep;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.store.Page;
import dev.sqlup.store.TaskRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sweeper's view of the upgrades in flight, published as custom metrics every sweep: {@code
 * ActiveUpgrades} (tasks Running, WaitingForSwitchWindow or Switching) and {@code
 * TasksOverEstimate} (those running longer than their estimate allows: {@link #overEstimate}). The
 * alarm on the latter is what tells an operator that an upgrade is stuck even though nothing
 * failed.
 */
public final class TaskMetrics {
  /**
   * Upgrades run at the guide's speeds give or take; half the estimate again, at least 15 min, is
   * the slack.
   */
  static final double ALLOWANCE_FACTOR = 1.5;

  static final Duration MIN_SLACK = Duration.ofMinutes(15);

  private TaskMetrics() {}

  /** The counts published, by metric name, and the tasks over their estimate. */
  public record Snapshot(long active, List<String> overEstimate) {
    public Map<String, Long> counts() {
      Map<String, Long> out = new LinkedHashMap<>();
      out.put("ActiveUpgrades", active);
      out.put("TasksOverEstimate", (long) overEstimate.size());
      return out;
    }
  }

  public static Snapshot measure(TaskRepository tasks, Instant now) {
    long active = 0;
    List<String> over = new ArrayList<>();
    for (TaskStatus status : Sweeper.IN_FLIGHT) {
      String token = null;
      if (status == TaskStatus.WaitingForSwitchWindow) {
        // Never over its estimate while it waits (see overEstimate): counted by id, not read whole.
        do {
          Page<String> ids = tasks.listIdsByStatus(status, 100, token);
          active += ids.items().size();
          token = ids.nextToken();
        } while (token != null);
        continue;
      }
      do {
        Page<UpgradeTask> page = tasks.listByStatus(status, 50, token);
        for (UpgradeTask task : page.items()) {
          active++;
          if (overEstimate(task, now)) {
            over.add(task.taskId());
          }
        }
        token = page.nextToken();
      } while (token != null);
    }
    return new Snapshot(active, List.copyOf(over));
  }

  /**
   * Whether an in-flight task has run longer than {@code estimate × 1.5} (and at least 15 min more
   * than the estimate), not counting the time it waited for its switch window, which the estimate
   * leaves out.
   */
  static boolean overEstimate(UpgradeTask task, Instant now) {
    if (task.estimate() == null
        || task.createdAt() == null
        || task.status() == TaskStatus.WaitingForSwitchWindow) {
      return false;
    }
    Duration waited =
        TaskSteps.find(task.steps(), TaskSteps.WAIT_FOR_WINDOW)
            .filter(s -> s.startedAt() != null)
            .map(
                (TaskStep s) ->
                    Duration.between(s.startedAt(), s.endedAt() == null ? now : s.endedAt()))
            .orElse(Duration.ZERO);
    Duration working = Duration.between(task.createdAt(), now).minus(waited);
    long estimate = task.estimate().totalSeconds();
    long allowed =
        Math.max(Math.round(estimate * ALLOWANCE_FACTOR), estimate + MIN_SLACK.toSeconds());
    return working.toSeconds() > allowed;
  }
}
