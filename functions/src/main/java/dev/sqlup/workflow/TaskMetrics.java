package dev.sqlup.workflow;

import dev.sqlup.domain.EstimateOverrun;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.store.InFlightTask;
import dev.sqlup.store.TaskRepository;
import java.time.Instant;
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
    List<InFlightTask> inFlight = tasks.allInFlight();
    List<String> over =
        inFlight.stream().filter(t -> t.isOverEstimate(now)).map(InFlightTask::taskId).toList();
    return new Snapshot(inFlight.size(), over);
  }

  /** See {@link EstimateOverrun}: kept beside the task by the store, computed again here. */
  static boolean overEstimate(UpgradeTask task, Instant now) {
    return EstimateOverrun.isOver(task, now);
  }
}
