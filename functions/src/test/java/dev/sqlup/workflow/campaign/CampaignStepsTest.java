package dev.sqlup.workflow.campaign;

import static dev.sqlup.domain.campaign.CampaignFixtures.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlup.api.CampaignWorld;
import dev.sqlup.domain.Catalogue;
import dev.sqlup.domain.InstanceStatus;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.domain.campaign.Amount;
import dev.sqlup.domain.campaign.Campaign;
import dev.sqlup.domain.campaign.CampaignPlanner;
import dev.sqlup.domain.campaign.CampaignSpec;
import dev.sqlup.domain.campaign.CampaignStatus;
import dev.sqlup.domain.campaign.MemberStatus;
import dev.sqlup.domain.campaign.Selection;
import dev.sqlup.domain.campaign.SwitchPolicy;
import dev.sqlup.domain.campaign.TargetRule;
import dev.sqlup.domain.campaign.WaveSpec;
import dev.sqlup.domain.campaign.WaveStatus;
import dev.sqlup.store.CampaignStateException;
import dev.sqlup.testing.DynaliteExtension;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The campaign machine's Lambda steps through their handlers on dynalite, in the order the machine
 * runs them: a canary failing beyond its budget halts the campaign and nothing more starts;
 * instances already being upgraded or refused are reported, not retried; pause makes the next
 * instance wait (issue 15).
 */
@ExtendWith(DynaliteExtension.class)
class CampaignStepsTest {
  private final CampaignWorld world;
  private CampaignStartWaveHandler startWave;
  private CampaignLaunchInstanceHandler launch;
  private CampaignRecordInstanceHandler record;
  private CampaignEndWaveHandler endWave;
  private CampaignAwaitApprovalHandler approval;
  private CampaignFinishHandler finish;

  CampaignStepsTest(DynamoDbClient dynamo) {
    this.world = new CampaignWorld(dynamo);
  }

  @BeforeEach
  void handlers() {
    startWave = new CampaignStartWaveHandler(world.services);
    launch = new CampaignLaunchInstanceHandler(world.services);
    record = new CampaignRecordInstanceHandler(world.services);
    endWave = new CampaignEndWaveHandler(world.services);
    approval = new CampaignAwaitApprovalHandler(world.services);
    finish = new CampaignFinishHandler(world.services);
  }

  /**
   * Four 2016 instances; canary of 2 tolerating 0 failures, then the rest; stored as the API stores
   * it.
   */
  private Campaign campaign() {
    world.register(
        instance("rm-a", 100, "01:00Z-03:00Z"),
        instance("rm-b", 100, "02:00Z-04:00Z"),
        instance("rm-c", 100, "03:00Z-05:00Z"),
        instance("rm-d", 100, "04:00Z-06:00Z"));
    CampaignSpec spec =
        new CampaignSpec(
            "eol",
            new Selection(List.of(), Map.of(), "2016"),
            new TargetRule("2022", null, null, Map.of()),
            List.of(
                new WaveSpec("canary", Amount.count(2), 2, Amount.count(0), 3600, true),
                new WaveSpec("rest", null, 5, Amount.percent(50), 0, false)),
            SwitchPolicy.OwnMaintenanceWindow);
    List<dev.sqlup.domain.Instance> fleet = world.services.instances().list(100, null).items();
    return world.campaigns.create(
        Campaign.fromPlan(
            "cp-1",
            spec,
            new CampaignPlanner(Catalogue.standard()).plan(spec, fleet, world.clock.instant()),
            world.clock.instant()));
  }

  private CampaignStep item(String instanceId, int wave) {
    return CampaignStep.of("cp-1", wave).forInstance(instanceId, null, null, null, null, null);
  }

  /** What the upgrade execution would have left: the task final. */
  private void finishTask(String taskId, boolean ok) {
    UpgradeTask t = world.services.tasks().get(taskId);
    world
        .services
        .tasks()
        .update(
            ok
                ? t.progressed(
                    TaskStatus.Succeeded, t.currentStep(), 100, 0, t.steps(), world.clock.instant())
                : t.failed("OperationFailed: full backup failed", world.clock.instant()));
    world.services.instances().releaseUpgradeLock(t.instanceId(), taskId, InstanceStatus.Running);
  }

  @Test
  void canaryFailingBeyondItsBudget_haltsTheCampaign_andNothingMoreStarts() {
    campaign();
    // WHEN the first wave starts
    CampaignStep wave0 = startWave.handle(CampaignStep.of("cp-1", 0));
    assertThat(wave0.action()).isEqualTo(CampaignStep.RUN);
    assertThat(wave0.items())
        .extracting(CampaignStep.Item::instanceId)
        .containsExactly("rm-a", "rm-b");
    assertThat(wave0.maxConcurrency()).isEqualTo(2);
    assertThat(wave0.toleratedFailureBackstop()).isEqualTo(2);

    // AND its first instance launches: task created Pending, instance locked, member Running
    CampaignStep a = launch.handle(item("rm-a", 0));
    assertThat(a.action()).isEqualTo(CampaignStep.START);
    assertThat(a.taskId()).isEqualTo(CampaignLaunches.taskIdFor("cp-1", "rm-a"));
    assertThat(world.services.instances().get("rm-a").activeTaskId()).isEqualTo(a.taskId());
    assertThat(world.services.tasks().get(a.taskId()).switchTime().name())
        .isEqualTo("MaintenanceWindow");
    // a retried launch finds the same task
    assertThat(launch.handle(item("rm-a", 0)).taskId()).isEqualTo(a.taskId());

    // AND its upgrade fails
    finishTask(a.taskId(), false);
    CampaignStep recorded = record.handle(a);
    assertThat(recorded.action()).isEqualTo(CampaignStep.FAILED);
    assertThat(recorded.reason()).isEqualTo("OperationFailed: full backup failed");

    // THEN the next instance of the wave does not start: the budget (0 failures) is spent
    CampaignStep b = launch.handle(item("rm-b", 0));
    assertThat(b.action()).isEqualTo(CampaignStep.SKIP);
    assertThat(b.status()).isEqualTo("NotStarted");
    assertThat(world.services.instances().get("rm-b").activeTaskId()).isNull();
    assertThat(world.services.tasks().find(CampaignLaunches.taskIdFor("cp-1", "rm-b"))).isEmpty();

    // AND the wave ends with the budget exceeded; the campaign is halted and finishes
    CampaignStep ended = endWave.handle(CampaignStep.of("cp-1", 0));
    assertThat(ended.action()).isEqualTo(CampaignStep.FINISH);
    assertThat(ended.status()).isEqualTo("Halted");
    assertThat(ended.reason())
        .isEqualTo("wave canary: 1 of 1 upgrades failed, more than the 0 tolerated");
    CampaignStep done = finish.handle(CampaignStep.of("cp-1", 0));
    assertThat(done.status()).isEqualTo("Halted");
    assertThat(done.counts().failed()).isEqualTo(1);
    assertThat(done.counts().notStarted()).isEqualTo(3);
    Campaign c = world.campaigns.get("cp-1");
    assertThat(c.waves().get(0).status()).isEqualTo(WaveStatus.BudgetExceeded);
    assertThat(c.waves().get(1).status()).isEqualTo(WaveStatus.NotStarted);
    assertThat(world.services.tasks().find(CampaignLaunches.taskIdFor("cp-1", "rm-c"))).isEmpty();
    // a later StartWave (e.g. the machine resumed after a crash) starts nothing either
    assertThat(startWave.handle(CampaignStep.of("cp-1", 1)).action())
        .isEqualTo(CampaignStep.FINISH);
  }

  @Test
  void anInstanceAlreadyBeingUpgraded_isSkippedAndReported_notRetried_andDoesNotSpendTheBudget() {
    campaign();
    world.services.instances().acquireUpgradeLock("rm-a", "up-someone-else");
    startWave.handle(CampaignStep.of("cp-1", 0));

    CampaignStep a = launch.handle(item("rm-a", 0));

    assertThat(a.action()).isEqualTo(CampaignStep.SKIP);
    assertThat(a.status()).isEqualTo("Skipped");
    assertThat(a.reason()).startsWith("UpgradeInProgress").contains("up-someone-else");
    assertThat(world.services.instances().get("rm-a").activeTaskId()).isEqualTo("up-someone-else");
    // launched again (a redriven Map), it stays skipped
    assertThat(launch.handle(item("rm-a", 0)).action()).isEqualTo(CampaignStep.SKIP);
    assertThat(launch.handle(item("rm-b", 0)).action()).isEqualTo(CampaignStep.START);
    assertThat(endWave.handle(CampaignStep.of("cp-1", 0)).status()).isEqualTo("Running");
  }

  @Test
  void paused_theNextInstanceWaits_resumed_itStarts() {
    campaign();
    world.campaigns.transition(
        "cp-1", EnumSet.of(CampaignStatus.Running), CampaignStatus.Paused, null, false, "pause");
    CampaignStep waiting = launch.handle(item("rm-a", 0));
    assertThat(waiting.action()).isEqualTo(CampaignStep.WAIT);
    assertThat(waiting.waitSeconds()).isEqualTo(CampaignLaunches.PAUSE_POLL_SECONDS);
    assertThat(world.services.instances().get("rm-a").activeTaskId()).isNull();

    world.campaigns.transition(
        "cp-1", EnumSet.of(CampaignStatus.Paused), CampaignStatus.Running, null, false, "resume");
    assertThat(launch.handle(item("rm-a", 0)).action()).isEqualTo(CampaignStep.START);
  }

  @Test
  void
      aWaveWithinBudget_goesOnToTheApprovalStep_whichStoresItsToken_andAHaltedCampaignRefusesToWait() {
    campaign();
    startWave.handle(CampaignStep.of("cp-1", 0));
    for (String id : List.of("rm-a", "rm-b")) {
      CampaignStep s = launch.handle(item(id, 0));
      finishTask(s.taskId(), true);
      assertThat(record.handle(s).action()).isEqualTo(CampaignStep.SUCCEEDED);
    }
    CampaignStep ended = endWave.handle(CampaignStep.of("cp-1", 0));
    assertThat(ended.action()).isEqualTo(CampaignStep.NEXT);
    assertThat(ended.nextWave()).isEqualTo(1);
    assertThat(ended.approvalRequired()).isTrue();
    assertThat(ended.bakeSeconds()).isEqualTo(3600);
    assertThat(ended.counts().succeeded()).isEqualTo(2);

    CampaignStep waiting =
        approval.handle(
            new CampaignStep(
                "cp-1", 0, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, "tok", null));
    assertThat(waiting.status()).isEqualTo("WaitingForApproval");
    assertThat(world.campaigns.get("cp-1").approvalToken()).isEqualTo("tok");

    world.campaigns.transition(
        "cp-1",
        EnumSet.of(CampaignStatus.WaitingForApproval),
        CampaignStatus.Halted,
        "x",
        true,
        "halt");
    assertThatThrownBy(
            () ->
                approval.handle(
                    new CampaignStep(
                        "cp-1", 0, null, null, null, null, null, null, null, null, null, null, null,
                        null, null, null, "tok2", null)))
        .isInstanceOf(CampaignStateException.class);
  }

  @Test
  void finishAfterAFailedApprovalWait_halts_andTheLaterWavesNeverStart() {
    campaign();
    CampaignStep done =
        finish.handle(
            new CampaignStep(
                "cp-1",
                0,
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
                Map.of("Error", "States.Timeout", "Cause", "no approval")));
    assertThat(done.status()).isEqualTo("Halted");
    assertThat(done.reason())
        .isEqualTo("the approval wait ended without an approval: States.Timeout (no approval)");
    assertThat(done.counts().notStarted()).isEqualTo(4);
  }

  @Test
  void lastWaveEnded_finishSucceeds() {
    campaign();
    for (int w = 0; w < 2; w++) {
      CampaignStep wave = startWave.handle(CampaignStep.of("cp-1", w));
      for (CampaignStep.Item i : wave.items()) {
        CampaignStep s = launch.handle(item(i.instanceId(), w));
        finishTask(s.taskId(), true);
        record.handle(s);
      }
      world.clock.advanceSeconds(3600);
    }
    assertThat(endWave.handle(CampaignStep.of("cp-1", 1)).action()).isEqualTo(CampaignStep.FINISH);
    CampaignStep done = finish.handle(CampaignStep.of("cp-1", 1));
    assertThat(done.status()).isEqualTo("Succeeded");
    assertThat(done.counts().succeeded()).isEqualTo(4);
    assertThat(world.campaigns.get("cp-1").members().values())
        .allMatch(m -> m.status() == MemberStatus.Succeeded);
  }
}
