package dev.sqlup.dataplane.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlup.dataplane.Lsn;
import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.dataplane.SourceInventory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamingAndGuardsTest {
  private static final OperationKey KEY =
      new OperationKey("t-1", OperationKind.FULL_BACKUP, "x]; DROP DATABASE y;--", 0);

  @Test
  void jobName_isDeterministicPerKey_andFreeOfTheDatabaseName() {
    String name = BackupFiles.jobName(KEY);
    assertThat(name)
        .isEqualTo(
            BackupFiles.jobName(
                new OperationKey("t-1", OperationKind.FULL_BACKUP, "x]; DROP DATABASE y;--", 0)))
        .startsWith("sqlup t-1 FULL_BACKUP r0 ")
        .doesNotContain("DROP")
        .doesNotContain("%")
        .hasSizeLessThanOrEqualTo(128);
    assertThat(name)
        .isNotEqualTo(
            BackupFiles.jobName(new OperationKey("t-1", OperationKind.FULL_BACKUP, "other", 0)));
    assertThat(
            BackupFiles.jobName(
                new OperationKey(
                    "a".repeat(64), OperationKind.TAIL_LOG_BACKUP, "d".repeat(128), 999)))
        .hasSizeLessThanOrEqualTo(128);
  }

  @Test
  void backupFiles_stripeAndKeepHostileNamesOutOfPaths() {
    MediaSet media =
        BackupFiles.files(
            "\\\\fs01\\sqlbackup", "sales-01", KEY, "x]; DROP DATABASE y;--", 3, false);
    assertThat(media.device()).isEqualTo(MediaSet.Device.DISK);
    assertThat(media.locations())
        .hasSize(3)
        .allSatisfy(
            path ->
                assertThat(path)
                    .startsWith("\\\\fs01\\sqlbackup\\sales-01\\x___DROP_DATABASE_y_--")
                    .doesNotContain("]")
                    .doesNotContain(";")
                    .doesNotContain("/"));
    assertThat(media.locations().get(2)).endsWith("t-1_FULL_BACKUP_r0_3of3.bak");

    MediaSet s3 =
        BackupFiles.files(
            "s3://s3.us-east-1.amazonaws.com/bkt/sqlup/", "sales-01", KEY, "Ünï 数据", 1, true);
    assertThat(s3.device()).isEqualTo(MediaSet.Device.URL);
    assertThat(s3.locations().get(0))
        .startsWith("s3://s3.us-east-1.amazonaws.com/bkt/sqlup/sales-01/")
        .endsWith("_1of1.trn");
    // Two names that slug alike still get different folders.
    assertThat(BackupFiles.files("/b", "i", KEY, "a/b", 1, false).locations())
        .doesNotContainAnyElementsOf(
            BackupFiles.files("/b", "i", KEY, "a_b", 1, false).locations());
    assertThatThrownBy(() -> BackupFiles.files(null, "i", KEY, "d", 1, false))
        .hasMessageStartingWith("BACKUP_LOCATION_MISSING");
  }

  @Test
  void dataFiles_goToTheTargetsPaths() {
    assertThat(BackupFiles.dataFile("/var/opt/mssql/data/", "sales", "sales_log", ".ldf"))
        .matches("/var/opt/mssql/data/sales-[0-9a-f]{8}_sales_log-[0-9a-f]{6}\\.ldf");
  }

  @Test
  void metadataChange_namesCreatedDroppedAndRecoveryModelChanges() {
    assertThat(
            MetadataChange.describe(
                Map.of("a", "FULL", "b", "FULL"), Map.of("a", "FULL", "b", "FULL")))
        .isNull();
    assertThat(
            MetadataChange.describe(
                Map.of("a", "FULL", "b", "FULL", "c", "FULL"),
                Map.of("a", "SIMPLE", "b", "FULL", "d", "FULL")))
        .isEqualTo(
            "databases created during the upgrade: [d]; databases dropped or taken offline during the upgrade: [c];"
                + " recovery models changed: [a FULL->SIMPLE]");
  }

  @Test
  void simpleRecoveryDatabases_areNamedByThePrecheck() {
    SourceInventory inventory =
        new SourceInventory(
            List.of(
                new SourceInventory.Database(
                    "sales", 1, SourceInventory.RecoveryModel.FULL, Lsn.of(1)),
                new SourceInventory.Database(
                    "scratch", 1, SourceInventory.RecoveryModel.SIMPLE, Lsn.of(1))),
            0);
    assertThat(SqlServerDataPlane.simpleRecoveryDatabases(inventory)).containsExactly("scratch");
  }

  @Test
  void compression_notOnWebOrExpress() {
    assertThat(MetadataChange.editionCompresses("Standard Edition (64-bit)")).isTrue();
    assertThat(MetadataChange.editionCompresses("Web Edition (64-bit)")).isFalse();
    assertThat(MetadataChange.editionCompresses("Express Edition (64-bit)")).isFalse();
  }

  @Test
  void sqlErrors_connectionAndDeadlockRetry_restCompensates() {
    assertThat(SqlErrors.translate("x", new java.sql.SQLException("reset", "08S01", 0)))
        .isInstanceOf(dev.sqlup.dataplane.TransientDataPlaneException.class);
    assertThat(
            SqlErrors.translate("x", new java.sql.SQLException("deadlock victim", "40001", 1205)))
        .isInstanceOf(dev.sqlup.dataplane.TransientDataPlaneException.class);
    assertThat(
            SqlErrors.translate(
                "backup", new java.sql.SQLException("Cannot open backup device", "S0001", 3201)))
        .isInstanceOf(dev.sqlup.dataplane.PermanentDataPlaneException.class)
        .hasMessage("SQL_FAILED: backup: Cannot open backup device (SQL Server error 3201)");
  }

  @Test
  void maxServerMemory_isAbout75PercentOfTheType() {
    assertThat(TargetConfigurator.maxServerMemoryMb(8)).isEqualTo(6144);
    assertThat(TargetConfigurator.maxServerMemoryMb(4)).isEqualTo(3072);
  }
}
