package dev.sqlup.config;

import dev.sqlup.store.CampaignRepository;

/**
 * The campaign functions' collaborators, built from {@link Services} and the two variables only
 * those functions have: the Campaigns table and (on the create route) the campaign state machine.
 */
public final class CampaignServices {
  public static final String CAMPAIGNS_TABLE = "CAMPAIGNS_TABLE";
  public static final String CAMPAIGN_STATE_MACHINE_ARN = "CAMPAIGN_STATE_MACHINE_ARN";

  private CampaignServices() {}

  public static CampaignRepository campaigns(Services services) {
    return new CampaignRepository(
        services.dynamoDb(), services.env(CAMPAIGNS_TABLE), services.clock());
  }

  /**
   * Step Functions for the campaign; the state machine ARN is only needed (and only set) to start
   * one.
   */
  public static CampaignControl control(Services services) {
    return new SfnCampaignControl(
        services.sfn(), services.envOrDefault(CAMPAIGN_STATE_MACHINE_ARN, "unset"));
  }
}
