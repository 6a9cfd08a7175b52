package dev.sqlup.api;

import dev.sqlup.domain.Estimate;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What clients see of the records: everything but internal bookkeeping (the request hash, the
 * waiting loop's task token); a task also says which actions it accepts now ({@link TaskActions}).
 */
final class Views {
  private Views() {}

  static Map<String, Object> instance(Instance instance) {
    return Json.toTree(instance);
  }

  static Map<String, Object> task(UpgradeTask task) {
    Map<String, Object> tree = Json.toTree(task);
    tree.remove("requestHash");
    if (tree.get("cutover") instanceof Map<?, ?> cutover) {
      cutover.remove("wakeToken");
    }
    tree.put("actions", TaskActions.of(task));
    return tree;
  }

  /**
   * The task as of {@code now}: between the workflow's writes (which can be an hour apart while a
   * long copy runs), the remaining time counts down from the last write and the progress follows
   * it, so neither stands still; both are figures of the engine's clock ({@code asOf}). Not while
   * the wait has no known end (approval, a holding guard) or the task has finished.
   */
  static Map<String, Object> task(UpgradeTask task, Instant now) {
    Map<String, Object> tree = task(task);
    tree.put("asOf", Json.format(now));
    boolean openEnded =
        task.status() == TaskStatus.WaitingForApproval
            || task.status() == TaskStatus.WaitingForCutoverGuard
            || task.status() == TaskStatus.Pending;
    if (task.status().isFinal()
        || openEnded
        || task.updatedAt() == null
        || !now.isAfter(task.updatedAt())) {
      return tree;
    }
    long remaining = task.remainingSecondsAt(now);
    tree.put("remainingSeconds", remaining);
    Estimate estimate = task.estimate();
    if (estimate != null && estimate.totalSeconds() > 0) {
      long byTime =
          Math.round(
              100.0
                  * (estimate.totalSeconds() - Math.min(remaining, estimate.totalSeconds()))
                  / estimate.totalSeconds());
      tree.put("progress", Math.max(task.progress(), Math.min(99, byTime)));
    }
    return tree;
  }

  /** Records as their JSON trees, in order. */
  static List<Object> trees(List<?> records) {
    return records.stream().<Object>map(Json::toTree).toList();
  }
}
