package dev.sqlup.workflow.campaign;

import dev.sqlup.domain.Catalogue;
import dev.sqlup.domain.Cutover;
import dev.sqlup.domain.Estimate;
import dev.sqlup.domain.Estimator;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.InstanceSpec;
import dev.sqlup.domain.Precheck;
import dev.sqlup.domain.Prechecks;
import dev.sqlup.domain.Sha256;
import dev.sqlup.domain.SourceProfile;
import dev.sqlup.domain.StepStatus;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.TaskStep;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.domain.campaign.Campaign;
import dev.sqlup.domain.campaign.CampaignMember;
import dev.sqlup.domain.campaign.CampaignStatus;
import dev.sqlup.domain.campaign.ErrorBudget;
import dev.sqlup.domain.campaign.MemberStatus;
import dev.sqlup.json.Json;
import dev.sqlup.store.CampaignRepository;
import dev.sqlup.store.CampaignStateException;
import dev.sqlup.store.IncorrectInstanceStateException;
import dev.sqlup.store.InstanceRepository;
import dev.sqlup.store.TaskAlreadyExistsException;
import dev.sqlup.store.TaskRepository;
import dev.sqlup.store.UpgradeInProgressException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One instance's turn in a wave (the first state of a child execution): decides whether its upgrade
 * starts, waits (campaign paused) or is skipped (halted, budget spent, already being upgraded,
 * refused by a precheck), and when it starts, creates the task and takes the instance's lock the
 * way {@code POST /instances/{id}/upgrades} does (task Pending, then the lock, each a conditional
 * write). The task id is derived from the campaign and the instance, so a retried step finds what
 * it created.
 */
public final class CampaignLaunches {
  /** How long a paused campaign's next instance waits before looking again. */
  public static final long PAUSE_POLL_SECONDS = 300;

  private final CampaignRepository campaigns;
  private final InstanceRepository instances;
  private final TaskRepository tasks;
  private final Prechecks prechecks;
  private final Estimator estimator = new Estimator();
  private final Clock clock;

  public CampaignLaunches(
      CampaignRepository campaigns,
      InstanceRepository instances,
      TaskRepository tasks,
      Catalogue catalogue,
      Clock clock) {
    this.campaigns = campaigns;
    this.instances = instances;
    this.tasks = tasks;
    this.prechecks = new Prechecks(catalogue);
    this.clock = clock;
  }

  /**
   * The upgrade task id of an instance in a campaign: the task id of client token {@code
   * campaign:<id>}.
   */
  public static String taskIdFor(String campaignId, String instanceId) {
    return "up-" + Sha256.hex(instanceId + "\ncampaign:" + campaignId).substring(0, 32);
  }

  public CampaignStep launch(CampaignStep in) {
    Instant now = clock.instant();
    Campaign c = campaigns.get(in.campaignId());
    CampaignMember m = c.members().get(in.instanceId());
    if (m == null) {
      throw new IllegalArgumentException(
          "instance " + in.instanceId() + " is not in campaign " + in.campaignId());
    }
    if (m.status() == MemberStatus.Running && m.taskId() != null) {
      return in.forInstance(
          m.instanceId(), m.taskId(), CampaignStep.START, null, m.status().name(), null);
    }
    if (m.status().isFinal()) {
      return in.forInstance(
          m.instanceId(), m.taskId(), CampaignStep.SKIP, null, m.status().name(), m.reason());
    }
    if (c.status() == CampaignStatus.Paused) {
      return in.forInstance(
          m.instanceId(), null, CampaignStep.WAIT, PAUSE_POLL_SECONDS, m.status().name(), "paused");
    }
    ErrorBudget.Verdict budget =
        ErrorBudget.evaluate(c.waves().get(m.wave()).spec(), c.counts(m.wave()));
    if (budget.exceeded() && !c.status().isFinal()) {
      halt(c, budget.reason());
      c = campaigns.get(c.campaignId());
    }
    if (c.status().isFinal()) {
      return skip(
          in,
          m,
          MemberStatus.NotStarted,
          "campaign " + c.status() + (c.haltReason() == null ? "" : ": " + c.haltReason()),
          now);
    }
    String taskId = taskIdFor(c.campaignId(), m.instanceId());
    Optional<Instance> found = instances.find(m.instanceId());
    if (found.isEmpty()) {
      return skip(in, m, MemberStatus.Skipped, "InstanceNotFound: the instance was deleted", now);
    }
    Instance instance = found.get();
    InstanceSpec target = c.spec().target().targetFor(instance.spec());
    Estimate estimate =
        SourceProfile.of(instance).estimate(estimator, instance.sqlEdition(), now, null);
    if (!taskId.equals(instance.activeTaskId())) {
      List<Precheck> checks =
          prechecks.run(
              instance, target, c.spec().switchPolicy().switchTime(), false, estimate, now);
      Optional<Precheck> refused =
          checks.stream().filter(p -> p.result() == Precheck.Result.FAILED).findFirst();
      if (refused.isPresent()) {
        String why =
            refused.get().code()
                + ": "
                + refused.get().message()
                + (instance.activeTaskId() != null
                    ? " (task " + instance.activeTaskId() + ")"
                    : "");
        return skip(in, m, MemberStatus.Skipped, why, now);
      }
    }
    try {
      tasks.create(newTask(taskId, c, instance, target, estimate, now));
    } catch (TaskAlreadyExistsException retried) {
      // Created by an earlier attempt of this step.
    }
    try {
      instances.acquireUpgradeLock(instance.instanceId(), taskId);
    } catch (UpgradeInProgressException | IncorrectInstanceStateException lost) {
      tasks.deletePending(taskId);
      return skip(in, m, MemberStatus.Skipped, lost.code() + ": " + lost.getMessage(), now);
    }
    campaigns.putMemberIf(
        c.campaignId(), m.with(MemberStatus.Running, taskId, null, now), MemberStatus.Planned);
    return in.forInstance(
        m.instanceId(), taskId, CampaignStep.START, null, MemberStatus.Running.name(), null);
  }

  private void halt(Campaign c, String reason) {
    try {
      campaigns.transition(
          c.campaignId(),
          EnumSet.of(
              CampaignStatus.Running, CampaignStatus.Paused, CampaignStatus.WaitingForApproval),
          CampaignStatus.Halted,
          reason,
          true,
          "halt");
    } catch (CampaignStateException alreadyFinal) {
      // Another instance's step halted it first.
    }
  }

  private CampaignStep skip(
      CampaignStep in, CampaignMember m, MemberStatus status, String reason, Instant now) {
    campaigns.putMemberIf(in.campaignId(), m.with(status, null, reason, now), MemberStatus.Planned);
    return in.forInstance(m.instanceId(), null, CampaignStep.SKIP, null, status.name(), reason);
  }

  private static UpgradeTask newTask(
      String taskId,
      Campaign c,
      Instance instance,
      InstanceSpec target,
      Estimate estimate,
      Instant now) {
    List<TaskStep> steps = new ArrayList<>();
    for (String phase : Estimate.PHASES) {
      boolean skipped = phase.equals(Estimate.FULL_BACKUP) && estimate.fullBackupSkipped();
      steps.add(
          new TaskStep(
              phase,
              skipped ? StepStatus.Skipped : StepStatus.Pending,
              null,
              null,
              skipped ? "a full backup from the last 36 hours is reused" : null));
    }
    String token = "campaign:" + c.campaignId();
    Map<String, Object> canonical = new TreeMap<>();
    canonical.put("instanceId", instance.instanceId());
    canonical.put("target", target);
    canonical.put("switchTime", c.spec().switchPolicy().switchTime().name());
    canonical.put("acceleratedDatabaseRecovery", false);
    return new UpgradeTask(
        taskId,
        instance.instanceId(),
        TaskStatus.Pending,
        Estimate.CREATE,
        0,
        estimate.totalSeconds(),
        estimate,
        steps,
        instance.spec(),
        target,
        c.spec().switchPolicy().switchTime(),
        false,
        now,
        now,
        token,
        Sha256.hex(Json.write(canonical)),
        null,
        null,
        List.of(),
        List.of(),
        0,
        Cutover.NONE,
        instance.engine().binding());
  }
}
