package dev.sqlup.domain;

import dev.sqlup.domain.Precheck.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The prechecks made from the source's discovered facts ({@link SourceInventory}), each with a
 * stable code, the databases concerned and the remedy (docs/upgrade-rules.md, "Prechecks from
 * discovered facts"). They read only the inventory: a dry run shows them, the workflow's precheck
 * fails the upgrade on the first FAILED one before anything is created, and WARNING ones become the
 * task's warnings.
 */
public final class SourcePrechecks {
  /**
   * The most user databases one target instance takes (the managed service's per-instance limit).
   */
  public static final int MAX_DATABASES = 100;

  /** An open transaction older than this makes the tail-log backup and its restore long. */
  public static final Duration LONG_TRANSACTION = Duration.ofMinutes(10);

  /**
   * log_reuse_wait_desc values that keep the log from being truncated by log backups, so the log
   * grows during the whole copy (sys.databases; ACTIVE_TRANSACTION is reported through the open
   * transaction).
   */
  static final Set<String> BLOCKING_LOG_REUSE =
      Set.of(
          "DATABASE_MIRRORING",
          "AVAILABILITY_REPLICA",
          "REPLICATION",
          "XTP_CHECKPOINT",
          "SLOG_SCAN",
          "OLDEST_PAGE");

  private final Catalogue catalogue;

  public SourcePrechecks(Catalogue catalogue) {
    this.catalogue = catalogue;
  }

  /**
   * @param maxAge with {@code requireDiscovery}, how old the inventory may be
   * @param requireDiscovery true for the real data plane: no upgrade from missing or stale facts
   * @param targetStorageGb the target's storage when the request names it (null: not checked)
   */
  public List<Precheck> run(
      Instance instance,
      InstanceSpec target,
      Double targetStorageGb,
      Instant now,
      Duration maxAge,
      boolean requireDiscovery) {
    List<Precheck> out = new ArrayList<>();
    SourceInventory inventory = instance.inventory();
    if (inventory == null || (requireDiscovery && inventory.age(now).compareTo(maxAge) > 0)) {
      String why =
          inventory == null
              ? "the source has never been discovered"
              : "the last discovery is "
                  + inventory.age(now).toMinutes()
                  + " min old (at most "
                  + maxAge.toMinutes()
                  + " min)";
      out.add(
          new Precheck(
              "sourceDiscovered",
              requireDiscovery ? Result.FAILED : Result.WARNING,
              "SourceNotDiscovered",
              why + (requireDiscovery ? "" : "; the estimate uses the registered data size only"),
              null,
              "POST /instances/"
                  + instance.instanceId()
                  + "/discover (sqlup discover "
                  + instance.instanceId()
                  + ")"));
      if (inventory == null) {
        return out;
      }
    } else {
      out.add(
          Precheck.passed(
              "sourceDiscovered",
              "discovered "
                  + inventory.discoveredAt()
                  + (inventory.simulated() ? " (simulated)" : "")));
    }
    List<SourceInventory.Database> dbs = inventory.databases();

    check(
        out,
        "recoveryModel",
        dbs,
        d -> !"FULL".equals(d.recoveryModel()),
        Result.FAILED,
        "RecoveryModelNotFull",
        "not in FULL recovery: their log cannot be backed up and shipped, so the catch-up is impossible",
        "ALTER DATABASE ... SET RECOVERY FULL, then take a full backup so the log chain starts");
    check(
        out,
        "databaseState",
        dbs,
        d -> !"ONLINE".equals(d.state()),
        Result.FAILED,
        "DatabaseNotOnline",
        "not ONLINE (RESTORING, OFFLINE, SUSPECT, ...): they cannot be backed up",
        "bring them ONLINE or drop them before the upgrade");
    check(
        out,
        "tdeCertificate",
        dbs,
        d -> d.encrypted() && (d.tdeCertificate() == null || !d.tdeCertificateBackedUp()),
        Result.FAILED,
        "TdeCertificateNotUsable",
        "encrypted with TDE by a certificate whose private key was never backed up: the target could not open them",
        "BACKUP CERTIFICATE ... WITH PRIVATE KEY and restore it on the target (CREATE CERTIFICATE ... FROM FILE) before the upgrade");
    int minLevel = minCompatibilityLevel(target.engineVersion());
    check(
        out,
        "compatibilityLevel",
        dbs,
        d -> d.compatibilityLevel() > 0 && d.compatibilityLevel() < minLevel,
        Result.FAILED,
        "CompatibilityLevelNotSupported",
        "at a compatibility level SQL Server "
            + target.engineVersion()
            + " does not accept (lowest: "
            + minLevel
            + ")",
        "ALTER DATABASE ... SET COMPATIBILITY_LEVEL = "
            + minLevel
            + " on the source and test the application first");
    if (dbs.size() > MAX_DATABASES) {
      out.add(
          new Precheck(
              "databaseCount",
              Result.FAILED,
              "TooManyDatabases",
              dbs.size() + " user databases; a target instance takes at most " + MAX_DATABASES,
              null,
              "move some databases to another instance first"));
    } else {
      out.add(Precheck.passed("databaseCount", dbs.size() + " user database(s)"));
    }
    long neededBytes = inventory.totalDataBytes() + inventory.totalLogBytes();
    if (targetStorageGb != null && targetStorageGb * SourceProfile.GB < neededBytes) {
      out.add(
          new Precheck(
              "targetStorage",
              Result.FAILED,
              "TargetStorageTooSmall",
              String.format(
                  java.util.Locale.ROOT,
                  "the source's data and log files take %.1f GB; the target has %.1f GB",
                  neededBytes / SourceProfile.GB,
                  targetStorageGb),
              null,
              "choose a target with at least that much storage"));
    } else {
      out.add(
          Precheck.passed(
              "targetStorage",
              targetStorageGb == null
                  ? "no target storage given: not checked"
                  : "the target's storage holds the source's data and log files"));
    }
    check(
        out,
        "logReuse",
        dbs,
        d -> d.logReuseWait() != null && BLOCKING_LOG_REUSE.contains(d.logReuseWait()),
        Result.FAILED,
        "LogReuseBlocked",
        "cannot truncate their log (log_reuse_wait_desc: mirroring, availability replica, replication, ...): "
            + "the log would grow without bound during the copy",
        "resolve what holds the log (sys.databases.log_reuse_wait_desc) before the upgrade");
    check(
        out,
        "availabilityGroup",
        dbs,
        d -> d.availabilityGroup() != null,
        Result.FAILED,
        "AlwaysOnMember",
        "members of an Always On availability group: a tail-log backup WITH NORECOVERY is not allowed on them, "
            + "and the secondaries would keep the old version",
        "remove them from the availability group (ALTER AVAILABILITY GROUP ... REMOVE DATABASE) for the upgrade, "
            + "or upgrade the group's replicas with a rolling upgrade instead");
    check(
        out,
        "openTransactions",
        dbs,
        d -> d.oldestOpenTransactionSeconds() > LONG_TRANSACTION.toSeconds(),
        Result.WARNING,
        "LongOpenTransaction",
        "have a transaction open for more than "
            + LONG_TRANSACTION.toMinutes()
            + " min: the tail-log backup and "
            + "its restore take longer and so does the downtime",
        "finish or kill the long transaction before the switch");
    check(
        out,
        "replicationOrCdc",
        dbs,
        d -> d.published() || d.cdcEnabled(),
        Result.WARNING,
        "ReplicationOrCdcPresent",
        "are replication publishers or have change data capture: neither is carried by backup and restore",
        "script the publications and CDC capture instances now and re-create them on the target after the switch");
    return out;
  }

  private static void check(
      List<Precheck> out,
      String name,
      List<SourceInventory.Database> dbs,
      Predicate<SourceInventory.Database> concerned,
      Result result,
      String code,
      String problem,
      String remedy) {
    List<String> names =
        dbs.stream().filter(concerned).map(SourceInventory.Database::name).toList();
    if (names.isEmpty()) {
      out.add(Precheck.passed(name, "no database concerned"));
    } else {
      out.add(
          new Precheck(name, result, code, "databases " + names + " " + problem, names, remedy));
    }
  }

  /**
   * The lowest compatibility level a version accepts for a restored database (2012: 90; 2014 and
   * later: 100), per the ALTER DATABASE compatibility level documentation.
   */
  static int minCompatibilityLevel(String engineVersion) {
    return "2012".equals(engineVersion) ? 90 : 100;
  }
}
