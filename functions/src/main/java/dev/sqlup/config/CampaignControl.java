package dev.sqlup.config;

/**
 * What the campaign API asks of Step Functions: start a campaign's execution (named after the
 * campaign, so a second start is harmless), and end the approval step the campaign waits in (its
 * task token).
 */
public interface CampaignControl {
  /**
   * @throws UpgradeLauncher.LaunchFailedException the execution could not be started
   */
  void start(String campaignId, String inputJson);

  /**
   * Ends the approval wait successfully; false when the token is no longer valid (used, timed out).
   */
  boolean approve(String taskToken, String outputJson);

  /** Ends the approval wait with an error; false when the token is no longer valid. */
  boolean refuse(String taskToken, String error, String cause);
}
