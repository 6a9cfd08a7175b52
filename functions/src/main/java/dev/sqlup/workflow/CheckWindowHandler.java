package dev.sqlup.workflow;

import dev.sqlup.dataplane.OpenTransaction;
import dev.sqlup.domain.DowntimeEstimate;
import dev.sqlup.domain.Estimate;
import dev.sqlup.domain.GuardHold;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.MaintenanceWindow;
import dev.sqlup.domain.StepStatus;
import dev.sqlup.domain.SwitchChange;
import dev.sqlup.domain.SwitchTime;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.workflow.plan.CutoverGuardCheck;
import dev.sqlup.workflow.plan.WindowFit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The cutover check, after the final catch-up and just before the switchover (which records the
 * point of no return): the switch must still be due by the task's setting (it may have changed
 * meanwhile), fit in the maintenance window, and pass the cutover guards ({@link
 * CutoverGuardCheck}). A guard that fails holds the switch — the task shows {@code
 * WaitingForCutoverGuard} with the reason and the figures — and is checked again every {@code
 * recheckSeconds}; in a maintenance window, a guard still holding when the rest could no longer
 * finish inside it rolls the switch to the next window, as a switch that does not fit does. Nothing
 * past the point of no return is decided here.
 */
public final class CheckWindowHandler extends PhaseHandler {
  static final String SQLUP = "sqlup";

  public CheckWindowHandler() {
    this(dev.sqlup.config.Services.fromEnvironment());
    initForLambda();
  }

  public CheckWindowHandler(dev.sqlup.config.Services services) {
    this(WorkflowServices.workflow(services));
  }

  CheckWindowHandler(Workflow workflow) {
    super(workflow);
  }

  @Override
  protected UpgradeState run(UpgradeState state) {
    Instant now = workflow.clock().instant();
    UpgradeTask task = workflow.records().task(state.taskId());
    Instance instance = workflow.records().instance(state.instanceId());
    SwitchPlan plan = state.switchPlan();
    SwitchSchedule.Decision due =
        SwitchSchedule.decide(
            task, instance, plan.notBefore() == null ? null : Instant.parse(plan.notBefore()), now);
    if (plan.revisionOrZero() != task.cutover().revision() || !due.due()) {
      return SwitchGate.route(workflow, task, instance, state, OptionalLong.empty(), now);
    }
    boolean window = task.switchTime() == SwitchTime.MaintenanceWindow && plan.windowEnd() != null;
    Duration needed = WindowPlans.needed(task, state, workflow.planner(), now);
    if (window) {
      WindowFit.Decision fit =
          WindowFit.decide(Instant.parse(plan.at()), Instant.parse(plan.windowEnd()), now, needed);
      if (!fit.fits()) {
        return rollToNextWindow(task, instance, state, now, fit.reason());
      }
    }
    Optional<OpenTransaction> tx =
        workflow.dataPlanes().of(instance).plane().oldestOpenTransaction(Refs.source(instance));
    List<Long> tails = CutoverCheck.tailBytes(workflow, instance, state, now);
    long lag = tails.stream().mapToLong(Long::longValue).sum();
    DowntimeEstimate downtime = CutoverCheck.downtime(task, tails);
    Optional<GuardHold> hold =
        CutoverGuardCheck.firstHolding(
            task.cutover().effectiveGuards(),
            lag,
            tx.map(OpenTransaction::startedAt),
            CutoverCheck.where(tx),
            downtime,
            now);
    if (hold.isPresent()) {
      GuardHold h = hold.get();
      long recheck = task.cutover().effectiveGuards().recheckSeconds();
      if (window
          && now.plusSeconds(recheck).plus(needed).isAfter(Instant.parse(plan.windowEnd()))) {
        return rollToNextWindow(
            task,
            instance,
            state,
            now,
            "guard "
                + h.guard()
                + " still holds ("
                + h.reason()
                + ") and the window closes at "
                + Messages.instant(Instant.parse(plan.windowEnd())));
      }
      String reason =
          "cutover guard "
              + h.guard()
              + " holds the switch: "
              + h.reason()
              + "; checked again every "
              + recheck
              + " s";
      workflow
          .records()
          .updateTask(
              task.taskId(),
              t ->
                  TaskProgress.at(
                      t.withCutover(t.cutover().holding(h)),
                      TaskStatus.WaitingForCutoverGuard,
                      Estimate.LOG_APPLY,
                      1.0,
                      TaskSteps.detailed(
                          TaskSteps.started(t.steps(), TaskSteps.WAIT_FOR_WINDOW, now, reason),
                          TaskSteps.WAIT_FOR_WINDOW,
                          reason),
                      now));
      long wait =
          Math.min(
              recheck,
              WindowPlans.secondsToNextEvent(state, workflow.planner(), OptionalLong.empty(), now));
      return SwitchGate.holding(
          state, plan, h.guard(), reason, !h.guard().equals(plan.holding()), wait);
    }
    String passed =
        "cutover guards passed: log lag "
            + lag / 1_000_000
            + " MB, "
            + (tx.isPresent()
                ? "oldest open transaction began " + Messages.instant(tx.get().startedAt())
                : "no open transaction")
            + ", estimated downtime "
            + downtime.totalSeconds()
            + " s"
            + (window
                ? "; "
                    + WindowFit.decide(
                            Instant.parse(plan.at()), Instant.parse(plan.windowEnd()), now, needed)
                        .reason()
                : "");
    workflow
        .records()
        .updateTask(
            task.taskId(),
            t -> {
              List<dev.sqlup.domain.TaskStep> steps =
                  TaskSteps.find(t.steps(), TaskSteps.WAIT_FOR_WINDOW).isPresent()
                      ? TaskSteps.finished(
                          t.steps(), TaskSteps.WAIT_FOR_WINDOW, StepStatus.Succeeded, now, passed)
                      : t.steps();
              return TaskProgress.at(
                  t.withCutover(t.cutover().released(now)),
                  TaskStatus.Running,
                  Estimate.LOG_APPLY,
                  1.0,
                  steps,
                  now);
            });
    return state
        .withSwitchPlan(
            new SwitchPlan(
                plan.mode(),
                plan.at(),
                plan.windowEnd(),
                true,
                passed,
                SwitchPlan.SWITCH,
                false,
                null,
                plan.revision(),
                plan.notBefore(),
                null,
                null))
        .advanced(true, 0);
  }

  /**
   * The switch cannot happen in this window: wait for the next one, recorded in the history by
   * sqlup.
   */
  private UpgradeState rollToNextWindow(
      UpgradeTask task, Instance instance, UpgradeState state, Instant now, String why) {
    SwitchPlan plan = state.switchPlan();
    MaintenanceWindow.Occurrence next = WindowPlans.window(instance).nextStart(now.plusSeconds(1));
    String reason = why + " (next window " + Messages.instant(next.start()) + ")";
    SwitchChange change =
        new SwitchChange(
            now,
            SQLUP,
            "RolledToNextWindow",
            "window opening at " + Messages.instant(Instant.parse(plan.at())),
            "window opening at " + Messages.instant(next.start()));
    UpgradeTask updated =
        workflow
            .records()
            .updateTask(
                task.taskId(),
                t ->
                    TaskCopies.withWarnings(
                        t.withCutover(
                            t.cutover()
                                .released(now)
                                .withChange(change, t.cutover().switchAt(), t.cutover().guards())),
                        List.of("WaitingForNextWindow: " + reason)));
    SwitchPlan rolled =
        new SwitchPlan(
            plan.mode(),
            plan.at(),
            plan.windowEnd(),
            false,
            reason,
            SwitchPlan.CHECK,
            false,
            null,
            updated.cutover().revision(),
            next.start().toString(),
            null,
            null);
    UpgradeState routed =
        SwitchGate.route(
            workflow, updated, instance, state.withSwitchPlan(rolled), OptionalLong.empty(), now);
    SwitchPlan p = routed.switchPlan();
    return routed.withSwitchPlan(
        new SwitchPlan(
            p.mode(),
            p.at(),
            p.windowEnd(),
            p.fits(),
            reason,
            p.next(),
            true,
            p.announce(),
            p.revision(),
            p.notBefore(),
            p.holding(),
            p.guardReason()));
  }
}
