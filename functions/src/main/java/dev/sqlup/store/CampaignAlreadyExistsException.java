package dev.sqlup.store;

import dev.sqlup.domain.campaign.Campaign;

/** Code {@code CampaignAlreadyExists}; carries the stored campaign (a replayed create finds it). */
public final class CampaignAlreadyExistsException extends StoreException {
  private final transient Campaign existing;

  public CampaignAlreadyExistsException(Campaign existing) {
    super(
        "CampaignAlreadyExists",
        String.format("campaign %s already exists", existing.campaignId()));
    this.existing = existing;
  }

  public Campaign existing() {
    return existing;
  }
}
