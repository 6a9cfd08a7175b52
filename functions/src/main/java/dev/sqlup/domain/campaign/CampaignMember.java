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
  /**
   * The longest reason kept, in UTF-8 bytes: the campaign's item holds every member, so its size is
   * bounded ({@link CampaignRecordSize}); a longer reason is cut and ends with "…". The whole
   * reason stays in the upgrade task (a started upgrade), and the dry run shows every precheck
   * whole.
   */
  public static final int MAX_REASON_BYTES = 100;

  public CampaignMember {
    reason = shortened(reason);
  }

  static String shortened(String reason) {
    if (reason == null
        || reason.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_REASON_BYTES) {
      return reason;
    }
    String ellipsis = "…";
    int budget =
        MAX_REASON_BYTES - ellipsis.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    StringBuilder out = new StringBuilder();
    int used = 0;
    for (int i = 0; i < reason.length(); ) {
      int cp = reason.codePointAt(i);
      int bytes =
          new String(Character.toChars(cp))
              .getBytes(java.nio.charset.StandardCharsets.UTF_8)
              .length;
      if (used + bytes > budget) {
        break;
      }
      out.appendCodePoint(cp);
      used += bytes;
      i += Character.charCount(cp);
    }
    return out + ellipsis;
  }

  public CampaignMember with(
      MemberStatus newStatus, String newTaskId, String newReason, Instant at) {
    return new CampaignMember(
        instanceId, wave, newStatus, newTaskId, newReason, switchWindowStart, at);
  }
}
