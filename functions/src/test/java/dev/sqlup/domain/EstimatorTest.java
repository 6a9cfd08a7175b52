package dev.sqlup.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The guide's "Estimated duration" table and worked example (4 cores, 8 GB, 600 GB, 10 GB of logs).
 */
class EstimatorTest {
  private final Estimator estimator = new Estimator();

  private static long min(long m) {
    return m * 60;
  }

  @Test
  void workedExample_withoutRecentFullBackup_is6h34m_withGuidePhases() {
    Estimate e =
        estimator.estimate(new Estimator.Input(600, 10, 1, false, SqlEdition.Standard, null));

    assertThat(e.phases())
        .containsExactly(
            entry("create", min(12)),
            entry("fullBackup", min(180)),
            entry("restoreFull", min(180)),
            entry("logBackup", min(5)),
            entry("logApply", min(5)),
            entry("restoreDatabases", min(2)),
            entry("switch", min(10)));
    assertThat(List.copyOf(e.phases().keySet())).isEqualTo(Estimate.PHASES);
    assertThat(Duration.ofSeconds(e.totalSeconds())).isEqualTo(Duration.ofHours(6).plusMinutes(34));
    assertThat(e.speeds().source()).isEqualTo("guide");
    assertThat(e.fullBackupSkipped()).isFalse();
  }

  @Test
  void workedExample_withRecentFullBackup_is3h34m_andSkipsTheBackup() {
    Estimate e =
        estimator.estimate(new Estimator.Input(600, 10, 1, true, SqlEdition.Standard, null));

    assertThat(e.seconds("fullBackup")).isZero();
    assertThat(e.seconds("restoreFull")).isEqualTo(min(180));
    assertThat(e.seconds("logBackup")).isEqualTo(min(5));
    assertThat(Duration.ofSeconds(e.totalSeconds())).isEqualTo(Duration.ofHours(3).plusMinutes(34));
    assertThat(e.fullBackupSkipped()).isTrue();
  }

  @Test
  void webEdition_hasNoBackupCompression_andRunsAt100GbPerHour() {
    Estimate e = estimator.estimate(new Estimator.Input(600, 10, 1, false, SqlEdition.Web, null));

    assertThat(e.seconds("fullBackup")).isEqualTo(min(360));
    assertThat(e.seconds("restoreFull")).isEqualTo(min(360));
    assertThat(e.seconds("logBackup")).isEqualTo(min(8));
    assertThat(e.speeds().backupGbPerHour()).isEqualTo(100);
  }

  @Test
  void eachLogBackupRound_paysTheTwoMinuteOverhead() {
    Estimate e =
        estimator.estimate(new Estimator.Input(600, 10, 3, true, SqlEdition.Standard, null));

    assertThat(e.seconds("logBackup")).isEqualTo(min(3) + 3 * min(2));
    assertThat(e.seconds("logApply")).isEqualTo(min(3) + 3 * min(2));
  }

  @Test
  void calibratedSpeeds_areUsed_andNamed() {
    Speeds measured = new Speeds(300, 150, 200, "calibrated", 2);
    Estimate e =
        estimator.estimate(new Estimator.Input(600, 10, 1, false, SqlEdition.Standard, measured));

    assertThat(e.seconds("fullBackup")).isEqualTo(min(120));
    assertThat(e.seconds("restoreFull")).isEqualTo(min(240));
    assertThat(e.speeds()).isEqualTo(measured);
  }

  @Test
  void remaining_andProgress_followThePhases() {
    Estimate e =
        estimator.estimate(new Estimator.Input(600, 10, 1, false, SqlEdition.Standard, null));

    assertThat(e.remaining("create", 0)).isEqualTo(e.totalSeconds());
    assertThat(e.progress("create", 0)).isZero();
    assertThat(e.remaining("restoreFull", 0.5)).isEqualTo(min(90 + 5 + 5 + 2 + 10));
    assertThat(e.remaining("switch", 1)).isZero();
    assertThat(e.progress("switch", 1)).isEqualTo(100);
    assertThat(e.progress("switch", 0.5)).isEqualTo(98);
  }

  @Test
  void calibration_fromFinishedUpgrades_weighsByVolume_andIgnoresOtherEditions() {
    SpeedCalibration calibration = new SpeedCalibration();
    List<SpeedCalibration.Sample> samples =
        List.of(
            new SpeedCalibration.Sample(SqlEdition.Standard, 300, 3600, 7200, 5, 3600),
            new SpeedCalibration.Sample(SqlEdition.Standard, 100, 0, 1800, 0, 0),
            new SpeedCalibration.Sample(SqlEdition.Web, 500, 3600, 3600, 0, 0));

    Speeds speeds = calibration.calibrate(samples, SqlEdition.Standard).orElseThrow();

    assertThat(speeds.backupGbPerHour()).isEqualTo(300);
    assertThat(speeds.restoreGbPerHour()).isEqualTo(400 / 2.5);
    assertThat(speeds.logGbPerHour()).isEqualTo(5);
    assertThat(speeds.samples()).isEqualTo(2);
    assertThat(speeds.source()).isEqualTo("calibrated");
    assertThat(calibration.calibrate(samples, SqlEdition.Enterprise)).isEmpty();
  }
}
