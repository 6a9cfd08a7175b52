package dev.sqlup.workflow;

/**
 * When the workloads switch ({@code $.switchPlan}), re-decided every round of the waiting loop from
 * the task's switch setting, so an API change (switch now, reschedule) takes effect at the next
 * round.
 *
 * @param mode the task's switchTime when decided
 * @param at when the switch is due (window start, scheduled time; absent while waiting for
 *     approval)
 * @param windowEnd end of the window occurrence (MaintenanceWindow only)
 * @param fits set by the cutover check: everything passed, the switch starts
 * @param reason why the upgrade waits or switches, in words
 * @param next what the machine does next: {@code Wait} (Wait {@code $.waitSeconds}, then ship and
 *     decide again), {@code Check} (final catch-up, then the cutover guards), {@code Switch},
 *     {@code Recheck} (the setting changed just before the point of no return: decide again)
 * @param rescheduled the switch setting changed since the last round (UpgradeSwitchRescheduled)
 * @param announce an event to emit this round: {@code WaitingForWindow}, {@code
 *     WaitingForApproval}, {@code CutoverGuardHolding} (absent: none)
 * @param revision the task's switch-setting revision this plan was decided on
 * @param notBefore a window occurrence before this instant is passed over (rolled to the next
 *     window)
 * @param holding the guard holding the switch, if any
 * @param guardReason the holding guard's reason with its figures
 */
public record SwitchPlan(
    String mode,
    String at,
    String windowEnd,
    Boolean fits,
    String reason,
    String next,
    Boolean rescheduled,
    String announce,
    Integer revision,
    String notBefore,
    String holding,
    String guardReason) {
  public static final String IMMEDIATE = "Immediate";
  public static final String MAINTENANCE_WINDOW = "MaintenanceWindow";
  public static final String WAIT = "Wait";
  public static final String CHECK = "Check";
  public static final String SWITCH = "Switch";
  public static final String RECHECK = "Recheck";

  public static SwitchPlan immediate() {
    return new SwitchPlan(
        IMMEDIATE,
        null,
        null,
        true,
        "switch as soon as the data is caught up",
        SWITCH,
        false,
        null,
        0,
        null,
        null,
        null);
  }

  int revisionOrZero() {
    return revision == null ? 0 : revision;
  }
}
