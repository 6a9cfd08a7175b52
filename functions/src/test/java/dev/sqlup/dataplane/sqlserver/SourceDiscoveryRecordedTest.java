package dev.sqlup.dataplane.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.domain.SourceInventory;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Discovery on the sqlserver binding against result sets recorded from SQL Server 2012, 2014 and
 * 2016 (issue 12): every query of {@link CatalogQueries} mapped to the inventory, and the queries
 * that differ between versions asked in the form each version has the columns for.
 */
class SourceDiscoveryRecordedTest {
  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  private static SourceInventory discover(RecordedCatalog catalog, List<Duration> pauses)
      throws SQLException {
    return new SourceDiscovery(Duration.ofHours(72), Duration.ofSeconds(10), pauses::add)
        .describe(
            catalog,
            NOW,
            ZoneOffset.ofHours(-8),
            media -> !String.join(",", media.locations()).contains("gone"));
  }

  @Test
  void sqlServer2016_serverDatabasesLogRateAndBackups() throws SQLException {
    RecordedCatalog catalog = new RecordedCatalog("2016");
    List<Duration> pauses = new ArrayList<>();

    SourceInventory inventory = discover(catalog, pauses);

    assertThat(inventory.discoveredAt()).isEqualTo(NOW);
    assertThat(inventory.simulated()).isFalse();
    SourceInventory.Server server = inventory.server();
    assertThat(server.engineVersion()).isEqualTo("2016");
    assertThat(server.productLevel()).isEqualTo("SP2");
    assertThat(server.productUpdateLevel()).isEqualTo("CU17");
    assertThat(server.sqlEdition()).hasToString("Standard");
    assertThat(server.cpuCount()).isEqualTo(4);
    assertThat(server.physicalMemoryBytes()).isEqualTo(16776692L * 1024);
    assertThat(server.hadrEnabled()).isFalse();
    assertThat(server.availabilityGroupRole()).isNull();
    assertThat(server.freeDiskBytes()).containsEntry("D:\\", 912680550400L).hasSize(2);
    assertThat(server.loginCount()).isEqualTo(14);
    assertThat(server.agentJobCount()).isEqualTo(6);
    assertThat(inventory.databases())
        .extracting(SourceInventory.Database::name)
        .containsExactly("sales", "staging", "archive");
    SourceInventory.Database sales = inventory.databases().get(0);
    assertThat(sales.dataBytes()).isEqualTo(600_000_000_000L);
    assertThat(sales.logBytes()).isEqualTo(20_000_000_000L);
    assertThat(sales.encrypted()).isTrue();
    assertThat(sales.tdeCertificate()).isEqualTo("TDE_Sales");
    assertThat(sales.tdeCertificateBackedUp()).isTrue();
    assertThat(sales.oldestOpenTransactionSeconds()).isEqualTo(1260);
    // time_zone 4 = +01:00: 02:10 local is 01:10 UTC; the files of both families are there
    assertThat(sales.lastFullBackup())
        .isEqualTo(
            new SourceInventory.FullBackup(
                Instant.parse("2026-11-30T01:10:00Z"), 190_000_000_000L, false, true));
    SourceInventory.Database staging = inventory.databases().get(1);
    assertThat(staging.recoveryModel()).isEqualTo("SIMPLE");
    assertThat(staging.published()).isTrue();
    assertThat(staging.cdcEnabled()).isTrue();
    assertThat(staging.logReuseWait()).isEqualTo("REPLICATION");
    // time_zone 127 (unknown): the server's offset (-08:00); copy-only; its file is gone
    assertThat(staging.lastFullBackup())
        .isEqualTo(
            new SourceInventory.FullBackup(
                Instant.parse("2026-11-03T07:00:00Z"), 41_000_000_000L, true, false));
    SourceInventory.Database archive = inventory.databases().get(2);
    assertThat(archive.state()).isEqualTo("OFFLINE");
    assertThat(archive.containment()).isEqualTo("PARTIAL");
    assertThat(archive.lastFullBackup()).isNull();
    // 120 GB of log backups over the 72 h they span
    assertThat(inventory.logRate().bytesPerHour()).isEqualTo(1_666_666_667L);
    assertThat(inventory.logRate().method()).contains("msdb log backups: 288");
    assertThat(pauses).as("no sampling when msdb has log backups").isEmpty();
    assertThat(catalog.asked).doesNotContainKeys("hadr", "logwrites");
    // 2016 SP2 has socket_count / cores_per_socket and encryptor_type
    assertThat(catalog.asked.get("sysinfo"))
        .contains("socket_count, cores_per_socket")
        .doesNotContain("NULL AS socket_count");
    assertThat(catalog.asked.get("encryption")).contains("k.encryptor_type");
    assertThat(catalog.parameters).anySatisfy(p -> assertThat(p).containsExactly(72L));
  }

  @Test
  void sqlServer2014_alwaysOnPrimary_andLogRateSampledFromLogFiles_whenMsdbHasNoLogBackups()
      throws SQLException {
    RecordedCatalog catalog = new RecordedCatalog("2014");
    List<Duration> pauses = new ArrayList<>();

    SourceInventory inventory = discover(catalog, pauses);

    SourceInventory.Server server = inventory.server();
    assertThat(server.engineVersion()).isEqualTo("2014");
    assertThat(server.sqlEdition()).hasToString("Enterprise");
    assertThat(server.hadrEnabled()).isTrue();
    assertThat(server.availabilityGroupRole()).isEqualTo("PRIMARY");
    assertThat(server.windowsAuthenticationOnly()).isTrue();
    SourceInventory.Database erp = inventory.databases().get(0);
    assertThat(erp.availabilityGroup()).isEqualTo("AG_ERP");
    assertThat(erp.tdeCertificate()).isEqualTo("TDE_ERP");
    assertThat(erp.tdeCertificateBackedUp()).isFalse();
    assertThat(erp.lastFullBackup()).isNull();
    // 20 MB written to the log files in 10 s
    assertThat(pauses).containsExactly(Duration.ofSeconds(10));
    assertThat(inventory.logRate().bytesPerHour()).isEqualTo(7_200_000_000L);
    assertThat(inventory.logRate().method()).contains("sampled 10 s apart");
    // before 2016 SP2 there is no socket_count; encryptor_type exists from 2014 on
    assertThat(catalog.asked.get("sysinfo")).contains("NULL AS socket_count");
    assertThat(catalog.asked.get("encryption")).contains("k.encryptor_type");
    assertThat(catalog.asked).containsKey("hadr");
  }

  @Test
  void sqlServer2012_webEdition_withoutEncryptorTypeColumn() throws SQLException {
    RecordedCatalog catalog = new RecordedCatalog("2012");

    SourceInventory inventory = discover(catalog, new ArrayList<>());

    assertThat(inventory.server().engineVersion()).isEqualTo("2012");
    assertThat(inventory.server().sqlEdition()).hasToString("Web");
    assertThat(inventory.server().physicalMemoryBytes()).isEqualTo(4193848L * 1024);
    SourceInventory.Database shop = inventory.databases().get(0);
    assertThat(shop.compatibilityLevel()).isEqualTo(90);
    assertThat(shop.encrypted()).isFalse();
    // time_zone -20 = -05:00
    assertThat(shop.lastFullBackup().finishedAt()).isEqualTo(Instant.parse("2026-11-30T06:00:00Z"));
    // 600 MB in backups spanning 30 min: the span counts as at least an hour
    assertThat(inventory.logRate().bytesPerHour()).isEqualTo(600_000_000L);
    assertThat(catalog.asked.get("encryption"))
        .doesNotContain("k.encryptor_type")
        .contains("'CERTIFICATE' AS encryptor_type");
    assertThat(catalog.asked.get("sysinfo")).contains("NULL AS socket_count");
  }

  @Test
  void everyQueryReadsOnly() {
    List<CatalogQueries.Query> queries =
        List.of(
            CatalogQueries.SERVER,
            CatalogQueries.HADR_ROLE,
            CatalogQueries.VOLUMES,
            CatalogQueries.DATABASES,
            CatalogQueries.OPEN_TRANSACTIONS,
            CatalogQueries.LOG_BACKUPS,
            CatalogQueries.LOG_WRITES,
            CatalogQueries.LAST_FULL_BACKUPS,
            CatalogQueries.sysInfo(new CatalogQueries.ServerVersion(11, 0)),
            CatalogQueries.encryption(new CatalogQueries.ServerVersion(11, 0)));
    for (CatalogQueries.Query q : queries) {
      assertThat(q.sql().strip())
          .as(q.name())
          .startsWithIgnoringCase("SELECT")
          .doesNotContainPattern("(?i)\\b(INSERT|UPDATE|DELETE|EXEC|ALTER|CREATE|DROP)\\b");
    }
  }

  @Test
  void jdbcCatalog_rowsByLowerCaseLabel_withBoundParameters() throws SQLException {
    // The production Catalog on a real JDBC connection (H2 in MSSQLServer mode): labels, nulls,
    // parameters.
    try (java.sql.Connection c =
        java.sql.DriverManager.getConnection("jdbc:h2:mem:catalog;MODE=MSSQLServer")) {
      List<Map<String, Object>> rows =
          SourceDiscovery.jdbc(c, 5)
              .rows(
                  new CatalogQueries.Query(
                      "t",
                      "SELECT CAST(? AS INT) AS Cpu_Count, CAST(NULL AS VARCHAR(10)) AS product_update_level"),
                  4);

      assertThat(rows).hasSize(1);
      assertThat(rows.get(0))
          .containsEntry("cpu_count", 4)
          .containsEntry("product_update_level", null);
    }
  }
}
