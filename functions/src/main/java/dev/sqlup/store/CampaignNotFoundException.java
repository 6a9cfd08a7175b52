package dev.sqlup.store;

/** Code {@code CampaignNotFound}. */
public final class CampaignNotFoundException extends StoreException {
  public CampaignNotFoundException(String campaignId) {
    super("CampaignNotFound", String.format("campaign %s does not exist", campaignId));
  }
}
