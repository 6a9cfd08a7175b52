package dev.sqlup.domain.campaign;

import static dev.sqlup.domain.campaign.CampaignFixtures.NOW;
import static dev.sqlup.domain.campaign.CampaignFixtures.instance;
import static dev.sqlup.domain.campaign.CampaignFixtures.spec;
import static dev.sqlup.domain.campaign.CampaignFixtures.wave;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.domain.Catalogue;
import dev.sqlup.domain.Estimate;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.MaintenanceWindow;
import dev.sqlup.domain.Precheck;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The campaign dry run: prechecks, estimates, waves, the windows switches land in, the expected end
 * (issue 15).
 */
class CampaignPlannerTest {
  private final CampaignPlanner planner = new CampaignPlanner(Catalogue.standard());

  @Test
  void eachInstanceSwitchesInItsOwnWindow_andWithinAWaveConcurrencyIsLimited() {
    // GIVEN three 200 GB instances (2 h backup + 2 h restore) with windows at different hours, at
    // most 2 at once
    List<Instance> fleet =
        List.of(
            instance("a", 200, "16:00Z-18:00Z"),
            instance("b", 200, "22:00Z-23:30Z"),
            instance("c", 200, "03:00Z-04:00Z"));
    CampaignSpec spec =
        spec(List.of(wave("all", null, 2, Amount.count(0))), SwitchPolicy.OwnMaintenanceWindow);

    // WHEN planned at 10:00
    CampaignPlan plan = planner.plan(spec, fleet, NOW);

    // THEN every switch lands inside its instance's own window occurrence
    for (PlannedInstance p : plan.instances()) {
      MaintenanceWindow w =
          MaintenanceWindow.parse(
                  fleet.stream()
                      .filter(i -> i.instanceId().equals(p.instanceId()))
                      .findFirst()
                      .orElseThrow()
                      .maintenanceWindow())
              .orElseThrow();
      assertThat(w.contains(p.switchAt())).as(p.instanceId()).isTrue();
      assertThat(p.switchAt())
          .isAfterOrEqualTo(p.switchWindowStart())
          .isBefore(p.switchWindowEnd());
      assertThat(p.plannedEnd()).isBeforeOrEqualTo(p.switchWindowEnd());
    }
    PlannedInstance a = byId(plan, "a");
    // a: copy done at 10:00 + 12 min + 4 h = 14:12, so it waits for 16:00
    assertThat(a.switchAt()).isEqualTo(Instant.parse("2026-03-02T16:00:00Z"));
    // c starts only when a slot frees (a ends 16:12), so it switches the next night at 03:00
    PlannedInstance c = byId(plan, "c");
    assertThat(c.plannedStart()).isEqualTo(a.plannedEnd());
    assertThat(c.switchAt()).isEqualTo(Instant.parse("2026-03-03T03:00:00Z"));
    assertThat(plan.expectedEnd()).isEqualTo(c.plannedEnd());
    assertThat(concurrencyPeak(plan)).isEqualTo(2);
  }

  @Test
  void immediatePolicy_switchesAsSoonAsCopied() {
    CampaignPlan plan =
        planner.plan(
            spec(List.of(wave("all", null, 5, Amount.count(0))), SwitchPolicy.Immediate),
            List.of(instance("a", 200, "16:00Z-18:00Z")),
            NOW);
    PlannedInstance a = plan.instances().get(0);
    assertThat(a.switchWindowStart()).isNull();
    assertThat(Duration.between(NOW, a.plannedEnd()).toSeconds())
        .isEqualTo(a.estimate().totalSeconds());
  }

  @Test
  void refusedByPrecheck_isReportedWithItsCode_andPutInNoWave() {
    // GIVEN one instance joined to an AD domain (a limitation of the guide)
    Instance ad =
        dev.sqlup.domain.Fixtures.with(
            instance("ad", 100, "01:00Z-03:00Z"),
            true,
            false,
            dev.sqlup.domain.NetworkType.VPC,
            false,
            dev.sqlup.domain.RdsEdition.HighAvailability,
            List.of());
    CampaignPlan plan =
        planner.plan(
            spec(
                List.of(
                    wave("canary", Amount.count(1), 1, Amount.count(0)),
                    wave("rest", null, 4, Amount.percent(10))),
                SwitchPolicy.OwnMaintenanceWindow),
            List.of(
                ad, instance("ok1", 100, "01:00Z-03:00Z"), instance("ok2", 100, "01:00Z-03:00Z")),
            NOW);

    PlannedInstance refused = byId(plan, "ad");
    assertThat(refused.upgradable()).isFalse();
    assertThat(refused.wave()).isNull();
    assertThat(refused.prechecks())
        .anyMatch(
            c ->
                c.result() == Precheck.Result.FAILED
                    && c.code().equals("ADDomainJoinedNotSupported"));
    assertThat(plan.waves().get(0).instanceIds()).containsExactly("ok1");
    assertThat(plan.waves().get(1).instanceIds()).containsExactly("ok2");
    assertThat(plan.refusedCount()).isEqualTo(1);
    Campaign campaign =
        Campaign.fromPlan(
            "cp-1",
            spec(
                List.of(
                    wave("canary", Amount.count(1), 1, Amount.count(0)),
                    wave("rest", null, 4, Amount.percent(10))),
                null),
            plan,
            NOW);
    assertThat(campaign.members().get("ad").status()).isEqualTo(MemberStatus.Refused);
    assertThat(campaign.members().get("ad").reason()).isEqualTo("ADDomainJoinedNotSupported");
    assertThat(campaign.counts(0).planned()).isEqualTo(1);
  }

  @Test
  void nextWaveStartsAfterThePreviousEndedAndBaked() {
    WaveSpec canary = new WaveSpec("canary", Amount.count(1), 1, Amount.count(0), 3600, true);
    CampaignPlan plan =
        planner.plan(
            spec(
                List.of(canary, wave("rest", null, 10, Amount.percent(10))),
                SwitchPolicy.Immediate),
            List.of(instance("a", 100, "01:00Z-03:00Z"), instance("b", 100, "01:00Z-03:00Z")),
            NOW);
    PlannedWave first = plan.waves().get(0);
    assertThat(first.plannedEnd()).isEqualTo(byId(plan, "a").plannedEnd().plusSeconds(3600));
    assertThat(plan.waves().get(1).plannedStart()).isEqualTo(first.plannedEnd());
    assertThat(byId(plan, "b").plannedStart()).isEqualTo(first.plannedEnd());
    assertThat(plan.instances().get(0).estimate().phases()).containsKey(Estimate.SWITCH);
  }

  @Test
  void aThousandInstances_planInWavesWithinTheLimits() {
    List<Instance> fleet = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      fleet.add(
          instance(
              String.format("rm-%04d", i),
              "2016",
              50 + (i % 7) * 100,
              String.format("%02d:00Z-%02d:00Z", i % 24, (i % 24 + 2) % 24),
              Map.of()));
    }
    CampaignSpec spec =
        spec(
            List.of(
                wave("canary", Amount.percent(1), 5, Amount.count(0)),
                wave("early", Amount.percent(10), 50, Amount.percent(5)),
                wave("rest", null, 100, Amount.percent(5))),
            SwitchPolicy.OwnMaintenanceWindow);

    CampaignPlan plan = planner.plan(spec, fleet, NOW);

    assertThat(plan.waves()).extracting(w -> w.instanceIds().size()).containsExactly(10, 100, 890);
    assertThat(plan.instances()).allMatch(PlannedInstance::upgradable);
    assertThat(plan.instances())
        .allMatch(
            p ->
                !p.switchAt().isBefore(p.switchWindowStart())
                    && p.plannedEnd().compareTo(p.switchWindowEnd()) <= 0);
  }

  private static PlannedInstance byId(CampaignPlan plan, String id) {
    return plan.instances().stream()
        .filter(p -> p.instanceId().equals(id))
        .findFirst()
        .orElseThrow();
  }

  /** Most upgrades of the plan running at one instant. */
  private static int concurrencyPeak(CampaignPlan plan) {
    int peak = 0;
    for (PlannedInstance p : plan.instances()) {
      int at =
          (int)
              plan.instances().stream()
                  .filter(
                      q ->
                          !q.plannedStart().isAfter(p.plannedStart())
                              && q.plannedEnd().isAfter(p.plannedStart()))
                  .count();
      peak = Math.max(peak, at);
    }
    return peak;
  }
}
