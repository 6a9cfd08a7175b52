package dev.sqlup.workflow;

import dev.sqlup.config.SwitchWake;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.SwitchTime;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.store.InstanceRepository;
import dev.sqlup.store.StaleVersionException;
import dev.sqlup.store.TaskRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Listens for a change of what the waiting loop decided, race-free with single-item conditional
 * writes: reads the task; if its switch setting (revision) or the switch decision (mode, time)
 * differs from the plan the loop sleeps on, the change came before the token could be stored, so it
 * wakes the loop at once; else it stores the token in the task with a version check. The API writes
 * its change with a version check too and then answers the stored token, so of the two writes the
 * second sees the first: a change written after the listener's read makes the listener's write
 * fail, which also wakes the loop.
 */
final class SwitchChangeListener {
  /** What one listen did; {@code reason} says why the loop was woken (null: it listens). */
  record Outcome(boolean listening, String reason) {
    static Outcome woken(String reason) {
      return new Outcome(false, reason);
    }
  }

  private final TaskRepository tasks;
  private final InstanceRepository instances;
  private final SwitchWake wake;
  private final Clock clock;

  SwitchChangeListener(
      TaskRepository tasks, InstanceRepository instances, SwitchWake wake, Clock clock) {
    this.tasks = tasks;
    this.instances = instances;
    this.wake = wake;
    this.clock = clock;
  }

  Outcome listen(SwitchListen in) {
    UpgradeTask task = tasks.get(in.taskId());
    String changed = change(task, in.switchPlan(), clock.instant());
    if (changed == null) {
      try {
        tasks.storeWakeToken(task, in.taskToken());
        return new Outcome(true, null);
      } catch (StaleVersionException e) {
        changed = "the task changed while the listener stored its token";
      }
    }
    // The loop sleeps on this very token: answering it ends the sleep now. A token that is no
    // longer valid means the sleep has ended already.
    wake.wake(in.taskToken());
    return Outcome.woken(changed);
  }

  /** Why the plan the loop sleeps on no longer holds; null when it does. */
  private String change(UpgradeTask task, SwitchPlan plan, Instant now) {
    if (plan == null) {
      return "the loop sleeps without a switch plan";
    }
    if (task.status().isFinal()) {
      return "the task has finished (" + task.status() + ")";
    }
    int revision = task.cutover().revision();
    if (revision != plan.revisionOrZero()) {
      return "the switch setting changed (revision "
          + plan.revisionOrZero()
          + " → "
          + revision
          + ")";
    }
    Instance instance =
        task.switchTime() == SwitchTime.MaintenanceWindow ? instances.get(task.instanceId()) : null;
    SwitchSchedule.Decision d;
    try {
      d =
          SwitchSchedule.decide(
              task,
              instance,
              plan.notBefore() == null ? null : Instant.parse(plan.notBefore()),
              now);
    } catch (UpgradeFailedException e) {
      return "the switch cannot be decided: " + e.getMessage(); // KeepShipping fails it properly
    }
    if (!Objects.equals(d.mode(), plan.mode())) {
      return "the switch time changed from " + plan.mode() + " to " + d.mode();
    }
    // Immediate's time is "now" by definition (a guard holding it re-checks on its own timer).
    String at = d.at() == null ? null : d.at().toString();
    if (!SwitchPlan.IMMEDIATE.equals(d.mode()) && !Objects.equals(at, plan.at())) {
      return "the switch moved from " + plan.at() + " to " + at;
    }
    return null;
  }
}
