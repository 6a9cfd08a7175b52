package dev.sqlup.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The estimate the API gives for a registered instance: the guide's figures from the instance's profile. */
class SourceProfileTest {
  private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
  private static final double TEN_GB_OVER_SIX_HOURS = 10.0 / 6;

  private static SourceProfile profile(Instant lastFullBackupAt) {
    return new SourceProfile(600, TEN_GB_OVER_SIX_HOURS, lastFullBackupAt, null);
  }

  @Test
  void withoutRecentBackup_logOfTheCopyIsShipped_6h34() {
    Estimate e = profile(null).estimate(new Estimator(), SqlEdition.Standard, NOW, null);

    assertThat(e.logGb()).isEqualTo(10.0);
    assertThat(e.totalSeconds()).isEqualTo(Duration.ofHours(6).plusMinutes(34).toSeconds());
  }

  @Test
  void reusedBackup_logSinceTheBackupIsShippedToo_3h34() {
    // a backup 3 h old + 3 h of restore: 6 h of log at 10 GB / 6 h, as in the guide's example
    Estimate e = profile(NOW.minus(Duration.ofHours(3))).estimate(new Estimator(), SqlEdition.Standard, NOW, null);

    assertThat(e.fullBackupSkipped()).isTrue();
    assertThat(e.logGb()).isEqualTo(10.0);
    assertThat(e.totalSeconds()).isEqualTo(Duration.ofHours(3).plusMinutes(34).toSeconds());
  }

  @Test
  void backupOlderThan36h_isNotReused() {
    Estimate e = profile(NOW.minus(Duration.ofHours(37))).estimate(new Estimator(), SqlEdition.Standard, NOW, null);

    assertThat(e.fullBackupSkipped()).isFalse();
  }
}
