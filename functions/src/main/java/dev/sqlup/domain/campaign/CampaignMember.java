package dev.sqlup.domain.campaign;

import java.time.Instant;

/**
 * One instance of a campaign: its wave (-1 when refused at planning), status, the upgrade task
 * started for it, the reason it was refused, skipped or failed, and the window occurrence its
 * switch was planned in.
 */
public record CampaignMember(
    String instanceId,
    int wave,
    MemberStatus status,
    String taskId,
    String reason,
    Instant switchWindowStart,
    Instant updatedAt) {
  public CampaignMember with(
      MemberStatus newStatus, String newTaskId, String newReason, Instant at) {
    return new CampaignMember(
        instanceId, wave, newStatus, newTaskId, newReason, switchWindowStart, at);
  }
}
