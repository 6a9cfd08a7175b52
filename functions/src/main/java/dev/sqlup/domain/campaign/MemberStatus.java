package dev.sqlup.domain.campaign;

/**
 * Status of one instance in a campaign. {@code Refused}: a precheck failed when the campaign was
 * planned (never in a wave). {@code Skipped}: at its turn it was already being upgraded or a
 * precheck refused it (reported, not retried, not counted against the budget). {@code NotStarted}:
 * the campaign halted first.
 */
public enum MemberStatus {
  Planned,
  Refused,
  Skipped,
  Running,
  Succeeded,
  Failed,
  NotStarted;

  public boolean isFinal() {
    return this != Planned && this != Running;
  }
}
