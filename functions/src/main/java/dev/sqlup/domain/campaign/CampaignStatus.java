package dev.sqlup.domain.campaign;

/**
 * Status of a campaign. Paused and Halted start nothing new; upgrades already running go on either
 * way. {@code Halted} and {@code Succeeded} are final (a halted campaign may still have upgrades
 * finishing).
 */
public enum CampaignStatus {
  Running,
  Paused,
  WaitingForApproval,
  Halted,
  Succeeded;

  public boolean isFinal() {
    return this == Halted || this == Succeeded;
  }
}
