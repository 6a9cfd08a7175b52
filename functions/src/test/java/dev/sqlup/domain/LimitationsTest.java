package dev.sqlup.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitationsTest {
  private final Instance ok = Fixtures.guideExample();

  private static List<String> codes(Instance i) {
    return Limitations.blockers(i).stream().map(Blocker::code).toList();
  }

  @Test
  void runningVpcInstance_hasNoBlockers() {
    assertThat(Limitations.blockers(ok)).isEmpty();
  }

  @Test
  void eachGuideLimitation_hasItsOwnCode() {
    assertThat(
            codes(
                Fixtures.with(
                    ok,
                    true,
                    false,
                    NetworkType.VPC,
                    false,
                    RdsEdition.HighAvailability,
                    List.of())))
        .containsExactly("ADDomainJoinedNotSupported");
    assertThat(
            codes(
                Fixtures.with(
                    ok,
                    false,
                    true,
                    NetworkType.VPC,
                    false,
                    RdsEdition.HighAvailability,
                    List.of())))
        .containsExactly("ServerlessNotSupported");
    assertThat(
            codes(
                Fixtures.with(
                    ok,
                    false,
                    false,
                    NetworkType.Classic,
                    false,
                    RdsEdition.HighAvailability,
                    List.of())))
        .containsExactly("ClassicNetworkNotSupported");
    assertThat(
            codes(
                Fixtures.with(
                    ok,
                    false,
                    false,
                    NetworkType.VPC,
                    true,
                    RdsEdition.HighAvailability,
                    List.of())))
        .containsExactly("ReadOnlyInstanceNotSupported");
    assertThat(
            codes(
                Fixtures.with(
                    ok, false, false, NetworkType.VPC, false, RdsEdition.Cluster, List.of("ro-1"))))
        .containsExactly("ClusterPrimaryWithReadOnlyInstancesNotSupported");
  }

  @Test
  void highAvailabilityPrimaryWithReadOnlyInstances_isNotBlocked() {
    assertThat(
            codes(
                Fixtures.with(
                    ok,
                    false,
                    false,
                    NetworkType.VPC,
                    false,
                    RdsEdition.HighAvailability,
                    List.of("ro-1"))))
        .isEmpty();
  }

  @Test
  void stateAndLock_areBlockers() {
    assertThat(codes(ok.withStatus(InstanceStatus.Stopped, null)))
        .containsExactly("IncorrectInstanceState");
    assertThat(codes(ok.withStatus(InstanceStatus.UpgradingVersion, "t-1")))
        .containsExactly("UpgradeInProgress");
  }

  @Test
  void prechecks_reportWarnings_notErrors_forBestPractices() {
    Prechecks prechecks = new Prechecks(Catalogue.standard());
    InstanceSpec target =
        new InstanceSpec(
            "2022", SqlEdition.Standard, RdsEdition.HighAvailability, "mssql.x4.large");
    Estimate estimate =
        new Estimator().estimate(new Estimator.Input(600, 60, 1, false, SqlEdition.Standard, null));

    List<Precheck> checks =
        prechecks.run(
            ok,
            target,
            SwitchTime.Immediate,
            false,
            estimate,
            Instant.parse("2026-03-02T00:00:00Z"));

    assertThat(checks).noneMatch(c -> c.result() == Precheck.Result.FAILED);
    assertThat(checks)
        .filteredOn(c -> c.result() == Precheck.Result.WARNING)
        .extracting(Precheck::code)
        .contains(
            "SwitchOutsideMaintenanceWindow", "HighTransactionLogVolume", "DoNotChangeMetadata");
    // Started at 12:00 the switch lands at ~18:24, inside 18:00Z-22:00Z.
    List<Precheck> offPeak =
        prechecks.run(
            ok,
            target,
            SwitchTime.Immediate,
            false,
            estimate,
            Instant.parse("2026-03-02T12:00:00Z"));
    assertThat(offPeak)
        .filteredOn(c -> c.name().equals("offPeakHours"))
        .singleElement()
        .extracting(Precheck::result)
        .isEqualTo(Precheck.Result.PASSED);
  }
}
