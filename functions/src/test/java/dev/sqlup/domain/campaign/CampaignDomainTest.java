package dev.sqlup.domain.campaign;

import static dev.sqlup.domain.campaign.CampaignFixtures.instance;
import static dev.sqlup.domain.campaign.CampaignFixtures.wave;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlup.domain.Instance;
import dev.sqlup.domain.InstanceSpec;
import dev.sqlup.domain.RdsEdition;
import dev.sqlup.domain.SqlEdition;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Selection, target rule, wave sizes and the error budget (issue 15). */
class CampaignDomainTest {

  @Test
  void aMembersReason_isCutToItsByteBound_onACharacterBoundary() {
    String longReason = "x".repeat(98) + "é".repeat(10);
    CampaignMember m =
        new CampaignMember("rm-1", 0, MemberStatus.Skipped, null, longReason, null, null);
    assertThat(m.reason().getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .hasSizeLessThanOrEqualTo(CampaignMember.MAX_REASON_BYTES);
    assertThat(m.reason()).isEqualTo("x".repeat(97) + "…");
    assertThat(
            new CampaignMember("rm-1", 0, MemberStatus.Skipped, null, "short", null, null).reason())
        .isEqualTo("short");
  }

  @Test
  void amount_percentageRoundsUp_andCountIsCappedAtTheTotal() {
    assertThat(Amount.percent(10).of(5)).isEqualTo(1);
    assertThat(Amount.percent(10).of(1000)).isEqualTo(100);
    assertThat(Amount.percent(0).of(1000)).isZero();
    assertThat(Amount.count(3).of(2)).isEqualTo(2);
    assertThatThrownBy(() -> Amount.percent(101)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Amount.count(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toleratedFailures_exceededOnlyAbove_asStepFunctionsJudgesAMapRun() {
    assertThat(Amount.count(1).exceededBy(1, 10)).isFalse();
    assertThat(Amount.count(1).exceededBy(2, 10)).isTrue();
    assertThat(Amount.count(0).exceededBy(1, 1)).isTrue();
    assertThat(Amount.percent(10).exceededBy(1, 10)).isFalse();
    assertThat(Amount.percent(10).exceededBy(2, 10)).isTrue();
    assertThat(Amount.percent(0).exceededBy(0, 0)).isFalse();
  }

  @Test
  void selection_byFilterAndTags_inIdOrder_byIds_inListedOrder_withMissingIdsReported() {
    List<Instance> fleet =
        List.of(
            instance("b", "2016", 10, "01:00Z-03:00Z", Map.of("env", "prod")),
            instance("a", "2016", 10, "01:00Z-03:00Z", Map.of("env", "prod")),
            instance("c", "2019", 10, "01:00Z-03:00Z", Map.of("env", "prod")),
            instance("d", "2016", 10, "01:00Z-03:00Z", Map.of("env", "test")));

    assertThat(new Selection(null, Map.of("env", "prod"), "2016").select(fleet).instances())
        .extracting(Instance::instanceId)
        .containsExactly("a", "b");
    Selection.Result byIds = new Selection(List.of("d", "zz", "a"), null, null).select(fleet);
    assertThat(byIds.instances()).extracting(Instance::instanceId).containsExactly("d", "a");
    assertThat(byIds.missingIds()).containsExactly("zz");
    assertThatThrownBy(() -> new Selection(null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void targetRule_keepsEditionsAndType_unlessGivenOrMapped() {
    InstanceSpec source =
        new InstanceSpec("2016", SqlEdition.Standard, RdsEdition.Basic, "mssql.x2.medium");
    assertThat(new TargetRule("2022", null, null, null).targetFor(source))
        .isEqualTo(
            new InstanceSpec("2022", SqlEdition.Standard, RdsEdition.Basic, "mssql.x2.medium"));
    assertThat(
            new TargetRule(
                    "2022",
                    null,
                    RdsEdition.HighAvailability,
                    Map.of("mssql.x2.medium", "mssql.x4.large"))
                .targetFor(source))
        .isEqualTo(
            new InstanceSpec(
                "2022", SqlEdition.Standard, RdsEdition.HighAvailability, "mssql.x4.large"));
  }

  @Test
  void waves_canaryAsPercentage_thenCounts_lastWaveTakesTheRest() {
    List<String> ids = IntStream.range(0, 25).mapToObj(i -> "i" + i).toList();
    List<List<String>> waves =
        Waves.assign(
            ids,
            List.of(
                wave("canary", Amount.percent(10), 1, Amount.count(0)),
                wave("second", Amount.count(10), 5, Amount.percent(10)),
                wave("rest", Amount.count(1), 5, Amount.percent(10))));

    assertThat(waves).extracting(List::size).containsExactly(3, 10, 12);
    assertThat(waves.get(0)).containsExactly("i0", "i1", "i2");
    assertThat(waves.stream().flatMap(List::stream)).containsExactlyElementsOf(ids);
  }

  @Test
  void waves_earlierWavesTakingEverything_leaveLaterWavesEmpty() {
    List<List<String>> waves =
        Waves.assign(
            List.of("a", "b"),
            List.of(
                wave("canary", Amount.count(5), 1, Amount.count(0)),
                wave("rest", null, 5, Amount.count(0))));
    assertThat(waves).containsExactly(List.of("a", "b"), List.of());
  }

  @Test
  void spec_onlyTheLastWaveMayOmitItsSize_andNeedsOneToTwentyWaves() {
    assertThatThrownBy(
            () ->
                CampaignFixtures.spec(
                    List.of(
                        wave("a", null, 1, Amount.count(0)), wave("b", null, 1, Amount.count(0))),
                    null))
        .hasMessageContaining("only the last wave");
    assertThatThrownBy(() -> CampaignFixtures.spec(List.of(), null))
        .hasMessageContaining("1 to 20 waves");
    assertThatThrownBy(() -> new WaveSpec("w", null, 0, Amount.count(0), 0, false))
        .hasMessageContaining("maxConcurrency");
    assertThat(
            CampaignFixtures.spec(List.of(wave("a", null, 1, Amount.count(0))), null)
                .switchPolicy())
        .isEqualTo(SwitchPolicy.OwnMaintenanceWindow);
  }

  @Test
  void errorBudget_canaryTolerating0_isExceededByOneFailure_skippedInstancesDoNotCount() {
    WaveSpec canary = wave("canary", Amount.count(2), 2, Amount.count(0));
    assertThat(ErrorBudget.evaluate(canary, new WaveCounts(3, 0, 0, 1, 0, 2, 0)).exceeded())
        .isFalse();
    ErrorBudget.Verdict v = ErrorBudget.evaluate(canary, new WaveCounts(2, 0, 0, 1, 1, 0, 0));
    assertThat(v.exceeded()).isTrue();
    assertThat(v.reason())
        .isEqualTo("wave canary: 1 of 2 upgrades failed, more than the 0 tolerated");
    WaveSpec big = wave("big", null, 10, Amount.percent(10));
    assertThat(ErrorBudget.evaluate(big, new WaveCounts(20, 0, 0, 18, 2, 0, 0)).exceeded())
        .isFalse();
    assertThat(ErrorBudget.evaluate(big, new WaveCounts(20, 0, 0, 17, 3, 0, 0)).exceeded())
        .isTrue();
  }
}
