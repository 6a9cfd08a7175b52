package dev.sqlup.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The estimate the API gives for a registered instance: the guide's figures from the instance's
 * profile.
 */
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
    Estimate e =
        profile(NOW.minus(Duration.ofHours(3)))
            .estimate(new Estimator(), SqlEdition.Standard, NOW, null);

    assertThat(e.fullBackupSkipped()).isTrue();
    assertThat(e.logGb()).isEqualTo(10.0);
    assertThat(e.totalSeconds()).isEqualTo(Duration.ofHours(3).plusMinutes(34).toSeconds());
  }

  @Test
  void backupOlderThan36h_isNotReused() {
    Estimate e =
        profile(NOW.minus(Duration.ofHours(37)))
            .estimate(new Estimator(), SqlEdition.Standard, NOW, null);

    assertThat(e.fullBackupSkipped()).isFalse();
  }

  private static SourceInventory.Database db(
      String name, long bytes, SourceInventory.FullBackup backup) {
    return new SourceInventory.Database(
        name,
        bytes,
        bytes / 10,
        "FULL",
        "ONLINE",
        150,
        false,
        null,
        false,
        "NONE",
        false,
        false,
        "NOTHING",
        0,
        null,
        backup);
  }

  private static SourceInventory.FullBackup backup(Instant at, boolean present) {
    return new SourceInventory.FullBackup(at, 1, false, present);
  }

  @Test
  void ofAnInstance_readsItsInventory_andTheEstimateNamesTheFactsAndTheirAge() {
    SourceInventory inventory =
        new SourceInventory(
            NOW.minus(Duration.ofMinutes(5)),
            false,
            null,
            java.util.List.of(
                db("a", 400_000_000_000L, backup(NOW.minus(Duration.ofHours(2)), true)),
                db("b", 200_000_000_000L, backup(NOW.minus(Duration.ofHours(3)), true))),
            new SourceInventory.LogRate(1_666_666_667L, "msdb log backups: 12 in the last 72 h"));

    SourceProfile profile = SourceProfile.of(Fixtures.guideExample().withInventory(inventory));
    Estimate e = profile.estimate(new Estimator(), SqlEdition.Standard, NOW, null);

    assertThat(profile.dataSizeGb()).isEqualTo(600.0);
    // a full backup is reused only when every database has one: the oldest of them counts
    assertThat(profile.lastFullBackupAt()).isEqualTo(NOW.minus(Duration.ofHours(3)));
    assertThat(e.totalSeconds()).isEqualTo(Duration.ofHours(3).plusMinutes(34).toSeconds());
    assertThat(e.basis().source()).isEqualTo("inventory");
    assertThat(e.basis().ageSeconds()).isEqualTo(300);
    assertThat(e.basis().logRateMethod()).startsWith("msdb log backups");
  }

  @Test
  void oneDatabaseWithoutAUsableBackup_meansNoReuse_andNoInventoryMeansTheRegistration() {
    SourceInventory inventory =
        new SourceInventory(
            NOW,
            false,
            null,
            java.util.List.of(
                db("a", 400_000_000_000L, backup(NOW.minus(Duration.ofHours(2)), true)),
                db("b", 200_000_000_000L, backup(NOW.minus(Duration.ofHours(3)), false))),
            null);

    assertThat(
            SourceProfile.of(Fixtures.guideExample().withInventory(inventory)).lastFullBackupAt())
        .isNull();
    Estimate registration =
        SourceProfile.of(Fixtures.guideExample())
            .estimate(new Estimator(), SqlEdition.Standard, NOW, null);
    assertThat(registration.basis().source()).isEqualTo("registration");
    assertThat(registration.logGb()).isZero();
  }
}
