package dev.sqlup.config;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * {@link CampaignControl} through the Step Functions API (StartExecution, SendTaskSuccess/Failure).
 */
public final class SfnCampaignControl implements CampaignControl {
  private final SfnClient sfn;
  private final String stateMachineArn;

  public SfnCampaignControl(SfnClient sfn, String stateMachineArn) {
    this.sfn = sfn;
    this.stateMachineArn = stateMachineArn;
  }

  @Override
  public void start(String campaignId, String inputJson) {
    try {
      sfn.startExecution(b -> b.stateMachineArn(stateMachineArn).name(campaignId).input(inputJson));
    } catch (ExecutionAlreadyExistsException alreadyStarted) {
      // Idempotent: the campaign's execution runs already.
    } catch (SdkException e) {
      throw new UpgradeLauncher.LaunchFailedException(
          "cannot start the campaign workflow for " + campaignId + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean approve(String taskToken, String outputJson) {
    try {
      sfn.sendTaskSuccess(b -> b.taskToken(taskToken).output(outputJson));
      return true;
    } catch (InvalidTokenException | TaskDoesNotExistException | TaskTimedOutException gone) {
      return false;
    }
  }

  @Override
  public boolean refuse(String taskToken, String error, String cause) {
    try {
      sfn.sendTaskFailure(b -> b.taskToken(taskToken).error(error).cause(cause));
      return true;
    } catch (InvalidTokenException | TaskDoesNotExistException | TaskTimedOutException gone) {
      return false;
    }
  }
}
