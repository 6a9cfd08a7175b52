package dev.sqlup.store;

import dev.sqlup.domain.campaign.CampaignStatus;

/** Code {@code IncorrectCampaignState}: an action the campaign's current status does not allow. */
public final class CampaignStateException extends StoreException {
  private final CampaignStatus status;

  public CampaignStateException(String campaignId, CampaignStatus status, String action) {
    super(
        "IncorrectCampaignState",
        String.format("campaign %s is %s: cannot %s", campaignId, status, action));
    this.status = status;
  }

  public CampaignStatus status() {
    return status;
  }
}
