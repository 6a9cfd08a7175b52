package dev.sqlup.workflow.campaign;

import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.domain.campaign.Campaign;
import dev.sqlup.domain.campaign.CampaignMember;
import dev.sqlup.domain.campaign.CampaignStatus;
import dev.sqlup.domain.campaign.CampaignWave;
import dev.sqlup.domain.campaign.ErrorBudget;
import dev.sqlup.domain.campaign.MemberStatus;
import dev.sqlup.domain.campaign.WaveCounts;
import dev.sqlup.domain.campaign.WaveStatus;
import dev.sqlup.store.CampaignRepository;
import dev.sqlup.store.CampaignStateException;
import dev.sqlup.store.TaskRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The campaign machine's steps around the waves: start a wave (its items and limits), record one
 * finished upgrade (from the task record, the truth), end a wave (error budget), wait for approval,
 * finish.
 */
public final class CampaignWaves {
  private final CampaignRepository campaigns;
  private final TaskRepository tasks;
  private final Clock clock;

  public CampaignWaves(CampaignRepository campaigns, TaskRepository tasks, Clock clock) {
    this.campaigns = campaigns;
    this.tasks = tasks;
    this.clock = clock;
  }

  /**
   * The wave's items (its instances not yet finished) and its limits. {@code
   * toleratedFailureBackstop} is the Map's ToleratedFailureCount: the wave's tolerated failures
   * plus its concurrency. The budget itself is kept by {@link CampaignLaunches} (nothing new starts
   * once it is spent), so at most maxConcurrency - 1 upgrades already running can fail beyond it:
   * the Map Run never fails on its own, which matters because a failed Map Run stops its running
   * child executions, and with them (.sync) upgrades that may be past their point of no return.
   */
  public CampaignStep startWave(CampaignStep in) {
    Campaign c = campaigns.get(in.campaignId());
    int index = in.wave() == null ? 0 : in.wave();
    if (c.status().isFinal() || index >= c.waves().size()) {
      return finishStep(c, index);
    }
    CampaignWave w = c.waves().get(index);
    Instant now = clock.instant();
    campaigns.putWave(
        c.campaignId(),
        w.with(WaveStatus.Running, w.startedAt() == null ? now : w.startedAt(), null));
    List<CampaignStep.Item> items =
        w.instanceIds().stream()
            .filter(id -> !c.members().get(id).status().isFinal())
            .map(id -> new CampaignStep.Item(c.campaignId(), id, index))
            .toList();
    int backstop =
        w.spec().toleratedFailures().of(w.instanceIds().size()) + w.spec().maxConcurrency();
    return new CampaignStep(
        c.campaignId(),
        index,
        w.spec().name(),
        null,
        null,
        CampaignStep.RUN,
        null,
        items,
        w.spec().maxConcurrency(),
        backstop,
        w.spec().bakeSeconds(),
        w.spec().approvalRequired(),
        null,
        c.counts(index),
        c.status().name(),
        null,
        null,
        null);
  }

  /**
   * One upgrade execution ended (or its nested start failed: {@code in.error()}): the instance
   * takes the task's final status. A task that is not final yet (its execution was stopped) counts
   * as failed here; the sweeper settles the task itself with the failure policy.
   */
  public CampaignStep record(CampaignStep in) {
    Optional<UpgradeTask> task = in.taskId() == null ? Optional.empty() : tasks.find(in.taskId());
    boolean ok = task.isPresent() && task.get().status() == TaskStatus.Succeeded;
    String reason = null;
    if (!ok) {
      reason =
          task.filter(t -> t.status().isFinal())
              .map(UpgradeTask::failureReason)
              .orElse(
                  "the upgrade execution ended without finishing its task" + errorText(in.error()));
    }
    Campaign c = campaigns.get(in.campaignId());
    CampaignMember m = c.members().get(in.instanceId());
    MemberStatus status = ok ? MemberStatus.Succeeded : MemberStatus.Failed;
    campaigns.putMemberIf(
        c.campaignId(), m.with(status, in.taskId(), reason, clock.instant()), MemberStatus.Running);
    return in.forInstance(
        in.instanceId(),
        in.taskId(),
        ok ? CampaignStep.SUCCEEDED : CampaignStep.FAILED,
        null,
        status.name(),
        reason);
  }

  /** After a wave's Map: the error budget; halts the campaign when it is spent. */
  public CampaignStep endWave(CampaignStep in) {
    Campaign c = campaigns.get(in.campaignId());
    int index = in.wave();
    CampaignWave w = c.waves().get(index);
    WaveCounts counts = c.counts(index);
    ErrorBudget.Verdict verdict = ErrorBudget.evaluate(w.spec(), counts);
    Instant now = clock.instant();
    campaigns.putWave(
        c.campaignId(),
        w.with(
            verdict.exceeded() ? WaveStatus.BudgetExceeded : WaveStatus.Completed,
            w.startedAt(),
            now));
    if (verdict.exceeded() && !c.status().isFinal()) {
      halt(c.campaignId(), verdict.reason());
    }
    c = campaigns.get(c.campaignId());
    boolean last = index + 1 >= c.waves().size();
    String action = c.status().isFinal() || last ? CampaignStep.FINISH : CampaignStep.NEXT;
    return new CampaignStep(
        c.campaignId(),
        index,
        w.spec().name(),
        null,
        null,
        action,
        null,
        null,
        null,
        null,
        w.spec().bakeSeconds(),
        w.spec().approvalRequired(),
        last ? null : index + 1,
        counts,
        c.status().name(),
        verdict.exceeded() ? verdict.reason() : c.haltReason(),
        null,
        null);
  }

  /**
   * The approval step (lambda:invoke.waitForTaskToken): records the token the API approves with.
   */
  public CampaignStep awaitApproval(CampaignStep in) {
    if (in.taskToken() == null || in.taskToken().isBlank()) {
      throw new IllegalArgumentException("the approval step needs its task token ($$.Task.Token)");
    }
    Campaign c = campaigns.awaitApproval(in.campaignId(), in.taskToken());
    return new CampaignStep(
        c.campaignId(),
        in.wave(),
        null,
        null,
        null,
        CampaignStep.WAIT,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        c.status().name(),
        null,
        null,
        null);
  }

  /**
   * The end: instances and waves never reached become NotStarted; a campaign not halted has
   * succeeded, unless it arrives here with an error (the approval wait failed or timed out): then
   * it is halted, since the waves after it never ran.
   */
  public CampaignStep finish(CampaignStep in) {
    Campaign c = campaigns.get(in.campaignId());
    if (in.error() != null && !c.status().isFinal()) {
      halt(c.campaignId(), "the approval wait ended without an approval" + errorText(in.error()));
      c = campaigns.get(c.campaignId());
    }
    return finishStep(c, in.wave() == null ? 0 : in.wave());
  }

  private CampaignStep finishStep(Campaign c, int wave) {
    Instant now = clock.instant();
    for (CampaignMember m : c.members().values()) {
      if (m.status() == MemberStatus.Planned) {
        campaigns.putMemberIf(
            c.campaignId(),
            m.with(
                MemberStatus.NotStarted,
                null,
                c.status() == CampaignStatus.Halted ? "campaign halted" : "campaign ended",
                now),
            MemberStatus.Planned);
      }
    }
    for (CampaignWave w : c.waves()) {
      if (w.status() == WaveStatus.Pending) {
        campaigns.putWave(c.campaignId(), w.with(WaveStatus.NotStarted, null, null));
      }
    }
    if (!c.status().isFinal()) {
      try {
        campaigns.transition(
            c.campaignId(),
            EnumSet.of(
                CampaignStatus.Running, CampaignStatus.Paused, CampaignStatus.WaitingForApproval),
            CampaignStatus.Succeeded,
            null,
            true,
            "finish");
      } catch (CampaignStateException haltedMeanwhile) {
        // A halt landed between the read and the write: it stays halted.
      }
    }
    Campaign after = campaigns.get(c.campaignId());
    return new CampaignStep(
        after.campaignId(),
        wave,
        null,
        null,
        null,
        CampaignStep.FINISH,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        after.counts(),
        after.status().name(),
        after.haltReason(),
        null,
        null);
  }

  private void halt(String campaignId, String reason) {
    try {
      campaigns.transition(
          campaignId,
          EnumSet.of(
              CampaignStatus.Running, CampaignStatus.Paused, CampaignStatus.WaitingForApproval),
          CampaignStatus.Halted,
          reason,
          true,
          "halt");
    } catch (CampaignStateException alreadyFinal) {
      // Halted or finished already.
    }
  }

  private static String errorText(Map<String, Object> error) {
    if (error == null) {
      return "";
    }
    Object e = error.get("Error");
    Object cause = error.get("Cause");
    return ": "
        + e
        + (cause == null ? "" : " (" + String.valueOf(cause).lines().findFirst().orElse("") + ")");
  }
}
