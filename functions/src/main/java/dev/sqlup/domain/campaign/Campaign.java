package dev.sqlup.domain.campaign;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stored campaign. {@code members} maps instance ids to their state, so one instance's progress
 * is a single-attribute update of the item and concurrent upgrades never overwrite each other.
 * {@code approvalToken} is the Step Functions task token of the approval step the campaign waits
 * in; {@code version} is the optimistic-locking counter of status changes.
 */
public record Campaign(
    String campaignId,
    String name,
    CampaignSpec spec,
    CampaignStatus status,
    int currentWave,
    List<CampaignWave> waves,
    Map<String, CampaignMember> members,
    String approvalToken,
    String haltReason,
    Instant expectedEnd,
    Instant createdAt,
    Instant updatedAt,
    Instant endedAt,
    long version) {

  public Campaign {
    waves = List.copyOf(waves);
    members =
        members == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(members));
  }

  /**
   * Builds a new campaign (version 0, unsaved) from its plan: every selected instance is a member.
   */
  public static Campaign fromPlan(
      String campaignId, CampaignSpec spec, CampaignPlan plan, Instant now) {
    Map<String, CampaignMember> members = new LinkedHashMap<>();
    for (PlannedInstance p : plan.instances()) {
      String refusal =
          p.upgradable()
              ? null
              : p.prechecks().stream()
                  .filter(c -> c.result() == dev.sqlup.domain.Precheck.Result.FAILED)
                  .map(c -> c.code())
                  .findFirst()
                  .orElse("PrecheckFailed");
      members.put(
          p.instanceId(),
          new CampaignMember(
              p.instanceId(),
              p.wave() == null ? -1 : p.wave(),
              p.upgradable() ? MemberStatus.Planned : MemberStatus.Refused,
              null,
              refusal,
              p.switchWindowStart(),
              now));
    }
    List<CampaignWave> waves =
        plan.waves().stream()
            .map(
                w ->
                    new CampaignWave(
                        w.index(),
                        spec.waves().get(w.index()),
                        w.instanceIds(),
                        WaveStatus.Pending,
                        null,
                        null,
                        java.time.Duration.between(w.plannedStart(), w.plannedEnd()).toSeconds()))
            .toList();
    return new Campaign(
        campaignId,
        spec.name(),
        spec,
        CampaignStatus.Running,
        0,
        waves,
        members,
        null,
        null,
        plan.expectedEnd(),
        now,
        now,
        null,
        0);
  }

  public List<CampaignMember> membersOf(int wave) {
    return waves.get(wave).instanceIds().stream().map(members::get).toList();
  }

  public WaveCounts counts(int wave) {
    return WaveCounts.of(membersOf(wave));
  }

  public WaveCounts counts() {
    return WaveCounts.of(members.values());
  }

  public Campaign withStatus(CampaignStatus newStatus, String newHaltReason, Instant at) {
    return new Campaign(
        campaignId,
        name,
        spec,
        newStatus,
        currentWave,
        waves,
        members,
        approvalToken,
        newHaltReason,
        expectedEnd,
        createdAt,
        at,
        newStatus.isFinal() ? at : endedAt,
        version);
  }
}
