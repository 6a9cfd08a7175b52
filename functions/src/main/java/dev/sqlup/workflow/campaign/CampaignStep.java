package dev.sqlup.workflow.campaign;

import dev.sqlup.domain.campaign.WaveCounts;
import java.util.List;
import java.util.Map;

/**
 * The payload of statemachine/campaign.asl.json, in and out of every campaign step (fields a step
 * does not use stay null and are left out of the JSON). {@code action} is what the next Choice
 * state branches on.
 */
public record CampaignStep(
    String campaignId,
    Integer wave,
    String waveName,
    String instanceId,
    String taskId,
    String action,
    Long waitSeconds,
    List<Item> items,
    Integer maxConcurrency,
    Integer toleratedFailureBackstop,
    Long bakeSeconds,
    Boolean approvalRequired,
    Integer nextWave,
    WaveCounts counts,
    String status,
    String reason,
    String taskToken,
    Map<String, Object> error) {

  /** One item of a wave's Distributed Map: the input of one child execution. */
  public record Item(String campaignId, String instanceId, Integer wave) {}

  public static final String RUN = "Run";
  public static final String START = "Start";
  public static final String WAIT = "Wait";
  public static final String SKIP = "Skip";
  public static final String NEXT = "Next";
  public static final String FINISH = "Finish";
  public static final String SUCCEEDED = "Succeeded";
  public static final String FAILED = "Failed";

  public static CampaignStep of(String campaignId, Integer wave) {
    return new CampaignStep(
        campaignId,
        wave,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  public CampaignStep forInstance(
      String newInstanceId,
      String newTaskId,
      String newAction,
      Long newWait,
      String newStatus,
      String newReason) {
    return new CampaignStep(
        campaignId,
        wave,
        null,
        newInstanceId,
        newTaskId,
        newAction,
        newWait,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        newStatus,
        newReason,
        null,
        null);
  }
}
