package dev.sqlup.workflow;

import dev.sqlup.domain.Instance;
import dev.sqlup.domain.MaintenanceWindow;
import dev.sqlup.domain.UpgradeTask;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

/**
 * One round of the waiting loop's decision, shared by ChooseSwitchTime, KeepShipping and the
 * cutover check: re-reads the task's switch setting, and either sends the machine to the final
 * catch-up and the guards ({@code next = Check}) or records the wait in the task and sleeps until
 * the next log round, the switch time or the cap, whichever comes first. A change through the API
 * ({@code POST /tasks/{id}/switchover}, {@code PATCH /tasks/{id}}) does not wait for the end of the
 * sleep: it answers the task token the loop listens on ({@link SwitchChangeListener}), and the loop
 * decides again at once.
 */
final class SwitchGate {
  /**
   * Longest sleep of the waiting loop. API changes wake the loop themselves, so this is no longer
   * how late a change is noticed; it bounds how long the loop trusts its last decision when no
   * wake-up comes (a wake lost because Step Functions could not be reached, a listener that fell
   * back to polling). Six hours is {@code CatchUpPolicy.DEFAULT}'s longest ship interval, so the
   * cap never ends a sleep that a log round would not end about as soon anyway.
   */
  static final Duration CAP = Duration.ofHours(6);

  private SwitchGate() {}

  /**
   * @param state the payload (its switchPlan is the previous round's, or null on the first round)
   * @param runningSeconds when the running log work ends, if any
   */
  static UpgradeState route(
      Workflow workflow,
      UpgradeTask task,
      Instance instance,
      UpgradeState state,
      OptionalLong runningSeconds,
      Instant now) {
    return route(workflow, task, instance, state, runningSeconds, now, null);
  }

  /**
   * As above, also writing {@code pending} (the round's own change of the task, which must leave
   * its switch setting alone; null for none) in the same update as the wait, so a round writes the
   * task once.
   *
   * @param task the task as this invocation read it (its version guards the write)
   */
  static UpgradeState route(
      Workflow workflow,
      UpgradeTask task,
      Instance instance,
      UpgradeState state,
      OptionalLong runningSeconds,
      Instant now,
      UnaryOperator<UpgradeTask> pending) {
    SwitchPlan previous = state.switchPlan();
    int revision = task.cutover().revision();
    boolean rescheduled = previous != null && previous.revisionOrZero() != revision;
    Instant notBefore =
        rescheduled || previous == null || previous.notBefore() == null
            ? null
            : Instant.parse(previous.notBefore());
    SwitchSchedule.Decision d = SwitchSchedule.decide(task, instance, notBefore, now);
    String notBeforeText = notBefore == null ? null : notBefore.toString();
    String at = d.at() == null ? null : d.at().toString();
    String windowEnd = d.windowEnd() == null ? null : d.windowEnd().toString();
    if (d.due()) {
      if (pending != null) {
        task = workflow.records().updateTask(task, pending);
      }
      CutoverCheck.lowerTtl(workflow, task, instance, now);
      String holding = rescheduled || previous == null ? null : previous.holding();
      return state
          .withSwitchPlan(
              new SwitchPlan(
                  d.mode(),
                  at,
                  windowEnd,
                  false,
                  d.reason(),
                  SwitchPlan.CHECK,
                  rescheduled,
                  null,
                  revision,
                  notBeforeText,
                  holding,
                  holding == null ? null : previous.guardReason()))
          .advanced(false, 0);
    }
    boolean newWait =
        previous == null
            || !SwitchPlan.WAIT.equals(previous.next())
            || previous.holding() != null
            || !Objects.equals(previous.mode(), d.mode())
            || !Objects.equals(previous.at(), at);
    workflow
        .records()
        .updateTask(
            task,
            before -> {
              UpgradeTask t = pending == null ? before : pending.apply(before);
              UpgradeTask waiting =
                  TaskProgress.at(
                      t.withCutover(t.cutover().released(now)),
                      d.waitingStatus(),
                      TaskSteps.WAIT_FOR_WINDOW,
                      0,
                      TaskSteps.detailed(
                          TaskSteps.started(t.steps(), TaskSteps.WAIT_FOR_WINDOW, now, d.reason()),
                          TaskSteps.WAIT_FOR_WINDOW,
                          d.reason()),
                      now);
              return TaskProgress.withWindowWait(
                  TaskProgress.withWait(waiting, d.at(), now),
                  MaintenanceWindow.parse(instance.maintenanceWindow()).orElse(null),
                  now);
            });
    long wait =
        Math.min(
            WindowPlans.secondsToNextEvent(state, workflow.planner(), runningSeconds, now),
            CAP.toSeconds());
    if (d.at() != null && d.at().isAfter(now)) {
      wait = Math.min(wait, Math.max(1, Duration.between(now, d.at()).toSeconds()));
    }
    return state
        .withSwitchPlan(
            new SwitchPlan(
                d.mode(),
                at,
                windowEnd,
                false,
                d.reason(),
                SwitchPlan.WAIT,
                rescheduled,
                newWait ? d.announce() : null,
                revision,
                notBeforeText,
                null,
                null))
        .advanced(false, wait);
  }

  /** A plan that keeps waiting {@code seconds} with the same decision and a guard holding. */
  static UpgradeState holding(
      UpgradeState state,
      SwitchPlan plan,
      String guard,
      String guardReason,
      boolean announce,
      long seconds) {
    return state
        .withSwitchPlan(
            new SwitchPlan(
                plan.mode(),
                plan.at(),
                plan.windowEnd(),
                false,
                guardReason,
                SwitchPlan.WAIT,
                false,
                announce ? "CutoverGuardHolding" : null,
                plan.revision(),
                plan.notBefore(),
                guard,
                guardReason))
        .advanced(false, Math.max(1, seconds));
  }
}
