package dev.sqlup.store;

import static dev.sqlup.domain.campaign.CampaignFixtures.NOW;
import static dev.sqlup.domain.campaign.CampaignFixtures.instance;
import static dev.sqlup.domain.campaign.CampaignFixtures.spec;
import static dev.sqlup.domain.campaign.CampaignFixtures.wave;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlup.domain.Catalogue;
import dev.sqlup.domain.campaign.Amount;
import dev.sqlup.domain.campaign.Campaign;
import dev.sqlup.domain.campaign.CampaignMember;
import dev.sqlup.domain.campaign.CampaignPlanner;
import dev.sqlup.domain.campaign.CampaignRecordSize;
import dev.sqlup.domain.campaign.CampaignSpec;
import dev.sqlup.domain.campaign.CampaignStatus;
import dev.sqlup.domain.campaign.MemberStatus;
import dev.sqlup.domain.campaign.SwitchPolicy;
import dev.sqlup.domain.campaign.WaveStatus;
import dev.sqlup.testing.DynaliteExtension;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Campaigns table through dynalite: round trip, status transitions, per-instance writes (issue
 * 15).
 */
@ExtendWith(DynaliteExtension.class)
class CampaignRepositoryTest {
  private final DynamoDbClient dynamo;
  private CampaignRepository campaigns;

  CampaignRepositoryTest(DynamoDbClient dynamo) {
    this.dynamo = dynamo;
  }

  @BeforeEach
  void table() {
    String name = "Campaigns-" + UUID.randomUUID().toString().substring(0, 8);
    TableDefinitions.createAll(dynamo, List.of(TableDefinitions.campaigns(name)));
    campaigns = new CampaignRepository(dynamo, name, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private Campaign sample(int instances) {
    CampaignSpec spec =
        spec(
            List.of(
                wave("canary", Amount.count(1), 1, Amount.count(0)),
                wave("rest", null, 10, Amount.percent(10))),
            SwitchPolicy.OwnMaintenanceWindow);
    List<dev.sqlup.domain.Instance> fleet = new ArrayList<>();
    for (int i = 0; i < instances; i++) {
      fleet.add(instance(String.format("rm-%04d", i), 100, "01:00Z-03:00Z"));
    }
    return Campaign.fromPlan(
        "cp-1", spec, new CampaignPlanner(Catalogue.standard()).plan(spec, fleet, NOW), NOW);
  }

  @Test
  void create_thenGet_roundTripsTheWholeCampaign_andASecondCreateIsRefused() {
    Campaign stored = campaigns.create(sample(3));
    assertThat(campaigns.get("cp-1")).isEqualTo(stored);
    assertThat(stored.version()).isEqualTo(1);
    assertThatThrownBy(() -> campaigns.create(sample(3)))
        .isInstanceOf(CampaignAlreadyExistsException.class);
    assertThatThrownBy(() -> campaigns.get("cp-none"))
        .isInstanceOf(CampaignNotFoundException.class);
  }

  /**
   * The size bound holds against a store that enforces DynamoDB's 400 KB item limit: the largest
   * campaign {@link CampaignRecordSize} accepts (64-character ids, the longest allowed), with every
   * member at its largest (a task, both timestamps, the longest reason), is stored and still
   * updated; one instance more is refused by the bound.
   */
  @Test
  void theLargestCampaignTheSizeBoundAccepts_fitsInOneItem_evenWithEveryMemberAtItsLargest() {
    List<String> ids = new ArrayList<>();
    while (CampaignRecordSize.fits(ids)) {
      ids.add(String.format("rm-%04d-", ids.size()) + "x".repeat(56));
    }
    ids.remove(ids.size() - 1);
    assertThat(ids.get(0)).hasSize(64);
    CampaignSpec spec =
        spec(List.of(wave("all", null, 10, Amount.percent(10))), SwitchPolicy.OwnMaintenanceWindow);
    List<dev.sqlup.domain.Instance> fleet = new ArrayList<>();
    ids.forEach(id -> fleet.add(instance(id, 100, "01:00Z-03:00Z")));
    Campaign planned =
        Campaign.fromPlan(
            "cp-big", spec, new CampaignPlanner(Catalogue.standard()).plan(spec, fleet, NOW), NOW);
    java.util.Map<String, CampaignMember> largest = new java.util.LinkedHashMap<>();
    String longReason = "PreconditionFailed: " + "é".repeat(400);
    planned
        .members()
        .forEach(
            (id, m) ->
                largest.put(
                    id,
                    m.with(
                        MemberStatus.NotStarted,
                        "up-" + "f".repeat(32),
                        longReason,
                        NOW.plusSeconds(86_400))));
    Campaign worst =
        new Campaign(
            "cp-big",
            planned.name(),
            planned.spec(),
            planned.status(),
            planned.currentWave(),
            planned.waves(),
            largest,
            null,
            null,
            planned.expectedEnd(),
            planned.createdAt(),
            planned.updatedAt(),
            null,
            0);

    campaigns.create(worst);
    CampaignMember first = largest.get(ids.get(0));
    campaigns.putMember("cp-big", first.with(MemberStatus.Failed, first.taskId(), longReason, NOW));

    assertThat(campaigns.get("cp-big").members()).hasSize(ids.size());
    assertThat(ids.size()).isGreaterThan(700);
    List<String> oneMore = new ArrayList<>(ids);
    oneMore.add(String.format("rm-%04d-", ids.size()) + "x".repeat(56));
    assertThat(CampaignRecordSize.fits(oneMore)).isFalse();
    List<String> demo = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      demo.add(String.format("rm-fleet-%04d", i));
    }
    assertThat(CampaignRecordSize.fits(demo)).as("the 1,000-instance demo fits").isTrue();
  }

  @Test
  void transition_onlyFromAllowedStatuses_andChangesNothingOtherwise() {
    campaigns.create(sample(2));
    Campaign paused =
        campaigns.transition(
            "cp-1", Set.of(CampaignStatus.Running), CampaignStatus.Paused, null, false, "pause");
    assertThat(paused.status()).isEqualTo(CampaignStatus.Paused);
    assertThat(paused.version()).isEqualTo(2);
    assertThatThrownBy(
            () ->
                campaigns.transition(
                    "cp-1",
                    Set.of(CampaignStatus.Running),
                    CampaignStatus.Paused,
                    null,
                    false,
                    "pause"))
        .isInstanceOf(CampaignStateException.class)
        .hasMessage("campaign cp-1 is Paused: cannot pause");
    assertThat(campaigns.get("cp-1").version()).isEqualTo(2);
    Campaign halted =
        campaigns.transition(
            "cp-1",
            Set.of(CampaignStatus.Paused),
            CampaignStatus.Halted,
            "by operator",
            true,
            "halt");
    assertThat(halted.haltReason()).isEqualTo("by operator");
    assertThat(halted.endedAt()).isEqualTo(NOW);
  }

  @Test
  void approvalToken_keptWhilePaused_removedWhenCleared_andAHaltedCampaignRefusesToWait() {
    campaigns.create(sample(2));
    assertThat(campaigns.awaitApproval("cp-1", "tok-1").status())
        .isEqualTo(CampaignStatus.WaitingForApproval);
    Campaign paused =
        campaigns.transition(
            "cp-1",
            Set.of(CampaignStatus.WaitingForApproval),
            CampaignStatus.Paused,
            null,
            false,
            "pause");
    assertThat(paused.approvalToken()).isEqualTo("tok-1");
    Campaign running =
        campaigns.transition(
            "cp-1", Set.of(CampaignStatus.Paused), CampaignStatus.Running, null, true, "approve");
    assertThat(running.approvalToken()).isNull();
    campaigns.transition(
        "cp-1", Set.of(CampaignStatus.Running), CampaignStatus.Halted, "x", true, "halt");
    assertThatThrownBy(() -> campaigns.awaitApproval("cp-1", "tok-2"))
        .isInstanceOf(CampaignStateException.class);
  }

  @Test
  void
      concurrentMemberWrites_ofDifferentInstances_allLand_andPutMemberIfNeverMovesAFinishedOneBack()
          throws Exception {
    // GIVEN a campaign of 40 instances, WHEN 40 threads record their instance at once
    campaigns.create(sample(40));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> done = new ArrayList<>();
    for (CampaignMember m : campaigns.get("cp-1").members().values()) {
      done.add(
          pool.submit(
              () ->
                  campaigns.putMember(
                      "cp-1", m.with(MemberStatus.Running, "up-" + m.instanceId(), null, NOW))));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    // THEN none was lost
    assertThat(campaigns.get("cp-1").members().values())
        .allMatch(
            m -> m.status() == MemberStatus.Running && m.taskId().equals("up-" + m.instanceId()));

    CampaignMember one = campaigns.get("cp-1").members().get("rm-0000");
    assertThat(
            campaigns.putMemberIf(
                "cp-1",
                one.with(MemberStatus.Succeeded, one.taskId(), null, NOW),
                MemberStatus.Running))
        .isTrue();
    assertThat(
            campaigns.putMemberIf(
                "cp-1",
                one.with(MemberStatus.Failed, one.taskId(), "late", NOW),
                MemberStatus.Running))
        .isFalse();
    assertThat(campaigns.get("cp-1").members().get("rm-0000").status())
        .isEqualTo(MemberStatus.Succeeded);
  }

  @Test
  void putWave_replacesOneWave() {
    Campaign c = campaigns.create(sample(3));
    campaigns.putWave("cp-1", c.waves().get(1).with(WaveStatus.Running, NOW, null));
    Campaign after = campaigns.get("cp-1");
    assertThat(after.currentWave()).isEqualTo(1);
    assertThat(after.waves().get(1).status()).isEqualTo(WaveStatus.Running);
    assertThat(after.waves().get(0).status()).isEqualTo(WaveStatus.Pending);
  }

  @Test
  void aThousandInstanceCampaign_fitsInOneItem() {
    Campaign stored = campaigns.create(sample(1000));
    assertThat(campaigns.get("cp-1").members()).hasSize(1000);
    assertThat(stored.counts().planned()).isEqualTo(1000);
  }
}
