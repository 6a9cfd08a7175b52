package dev.sqlup.dataplane.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The log a source database generated since its last log backup, over result sets recorded per
 * version (src/test/resources/discovery): sys.dm_db_log_stats from SQL Server 2016 SP2 on, nothing
 * (the guards' log-rate estimate) before.
 */
class LogSinceLastBackupTest {
  @Test
  void sqlServer2016Sp2_readsLogSinceLastLogBackupMb_forTheDatabase_inBytes() throws Exception {
    RecordedCatalog catalog = new RecordedCatalog("2016");

    OptionalLong bytes = LogSinceLastBackup.read(catalog, "sales");

    assertThat(bytes).hasValue(Math.round(70.5 * 1024 * 1024));
    assertThat(catalog.asked.get("logstats"))
        .contains("sys.dm_db_log_stats(DB_ID(?))", "log_since_last_log_backup_mb");
    assertThat(catalog.parameters).anySatisfy(p -> assertThat(p).containsExactly("sales"));
  }

  @Test
  void beforeSqlServer2016Sp2_theDmvIsNotAsked_andTheGuardsKeepTheirEstimate() throws Exception {
    for (String version : new String[] {"2012", "2014"}) {
      RecordedCatalog catalog = new RecordedCatalog(version);

      assertThat(LogSinceLastBackup.read(catalog, "sales")).as(version).isEmpty();
      assertThat(catalog.asked).as(version).doesNotContainKey("logstats");
    }
  }

  @Test
  void theQueryOnlyReads() {
    assertThat(CatalogQueries.LOG_SINCE_LAST_LOG_BACKUP.sql().strip())
        .startsWithIgnoringCase("SELECT")
        .doesNotContainPattern("(?i)\\b(INSERT|UPDATE|DELETE|EXEC|ALTER|CREATE|DROP)\\b");
  }
}
