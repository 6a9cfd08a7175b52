package dev.sqlup.domain.campaign;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * A campaign is one DynamoDB item, its members a map inside it, so that a member's status and the
 * wave's counts change in one conditional write (no transactions). An item holds at most 400 KB:
 * this is the most a campaign's item can grow to over its life — every member with a task, both
 * timestamps and the longest reason ({@link CampaignMember#MAX_REASON_BYTES}) — by DynamoDB's
 * sizing (attribute names plus values, a few bytes per map and list element). A campaign whose
 * worst case passes {@link #LIMIT_BYTES} is refused at creation, so it can never fail half way on a
 * write that no longer fits.
 */
public final class CampaignRecordSize {
  /** DynamoDB's item limit, less room for the spec, the waves' fixed fields and the header. */
  public static final long LIMIT_BYTES = 400L * 1024 - 24 * 1024;

  /**
   * One member at its largest, without its id: the member's attribute names (instanceId, wave,
   * status, taskId, reason, switchWindowStart, updatedAt), a 35-character task id, the longest
   * status, two ISO-8601 timestamps, a wave number, the reason, and the map's per-element bytes.
   */
  static final long MEMBER_FIXED_BYTES =
      "instanceIdwavestatustaskIdreasonswitchWindowStartupdatedAt".length()
          + 35
          + java.util.Arrays.stream(MemberStatus.values())
              .mapToInt(s -> s.name().length())
              .max()
              .orElseThrow()
          + 2 * "2026-11-24T08:00:00.000Z".length()
          + 4
          + CampaignMember.MAX_REASON_BYTES
          + 8 * 4;

  private CampaignRecordSize() {}

  /**
   * The largest the item of a campaign over {@code instanceIds} can become: each id is stored three
   * times (map key, the member's instanceId, its wave's list).
   */
  public static long worstCaseBytes(Collection<String> instanceIds) {
    long bytes = 0;
    for (String id : instanceIds) {
      bytes += 3L * (id.getBytes(StandardCharsets.UTF_8).length + 4) + MEMBER_FIXED_BYTES;
    }
    return bytes;
  }

  public static boolean fits(Collection<String> instanceIds) {
    return worstCaseBytes(instanceIds) <= LIMIT_BYTES;
  }
}
