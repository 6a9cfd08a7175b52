package dev.sqlup.dataplane.sqlserver;

import dev.sqlup.dataplane.EndpointTtl;
import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.Operation;
import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.dataplane.TargetRef;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The endpoint as a Route 53 record: lowering its TTL ahead of the switch, moving it to the target
 * while the tails are restored (the databases are RESTRICTED_USER until opened), moving it back
 * when the switchover fails before they are opened, and opening them ({@code SET MULTI_USER}, then
 * the target's logins get their default databases and its copied jobs are enabled).
 */
final class SqlServerEndpoint {
  /** The TTL the workflow lowers the endpoint record to ahead of the switch (see EndpointTtl). */
  static final long LOWERED_TTL_SECONDS = 5;

  private final SqlCalls calls;
  private final OperationJournal journal;
  private final JournaledOperations journaled;
  private final Route53Endpoint route53;
  private final TargetConfigurator configurator;
  private final Clock clock;

  SqlServerEndpoint(
      SqlCalls calls,
      OperationJournal journal,
      JournaledOperations journaled,
      Route53Endpoint route53,
      TargetConfigurator configurator,
      Clock clock) {
    this.calls = calls;
    this.journal = journal;
    this.journaled = journaled;
    this.route53 = route53;
    this.configurator = configurator;
    this.clock = clock;
  }

  Operation startMoveEndpoint(OperationKey key, InstanceRef source, TargetRef target) {
    Optional<JournalEntry> existing = journal.get(key);
    if (existing.isPresent() && existing.get().changeId() != null) {
      return JournaledOperations.operation(existing.get());
    }
    // The lowered TTL stays on the moved record (clients re-resolve quickly); the operator restores
    // it later.
    String changeId = route53.upsert(record(source, target.host(), currentTtl(key, source)));
    JournalEntry entry = submitted(key, 600, source, target, changeId);
    journal.put(entry);
    return JournaledOperations.operation(entry);
  }

  /**
   * UPSERT of the record back to the source's value (route53SourceValue, else the source's host),
   * with the TTL it has now (lowered: clients follow within it).
   */
  Operation startMoveEndpointBack(OperationKey key, InstanceRef source) {
    Optional<JournalEntry> existing = journal.get(key);
    if (existing.isPresent()) {
      return JournaledOperations.operation(existing.get());
    }
    String changeId = route53.upsert(record(source, sourceValue(source), currentTtl(key, source)));
    JournalEntry entry = journal.putIfAbsent(submitted(key, 60, source, null, changeId));
    return JournaledOperations.operation(entry);
  }

  /**
   * {@code ALTER DATABASE ... SET MULTI_USER} for each database on the target (statements of
   * milliseconds: run here, not as an Agent job), then what applications need of the target:
   * logins' default databases, and the source's jobs enabled. Jobs run as their owner (often
   * sysadmin) and would not be held out by RESTRICTED_USER, so they are enabled only now.
   */
  Operation startOpenDatabases(
      OperationKey key, InstanceRef source, TargetRef target, List<String> databases) {
    Optional<JournalEntry> existing = journal.get(key);
    if (existing.isPresent()) {
      return JournaledOperations.operation(existing.get());
    }
    JournalEntry create = journaled.createEntry(target);
    calls.on(
        create.where(),
        "open databases to applications",
        c -> {
          for (String database : databases) {
            try (Statement statement = c.createStatement()) {
              statement.setQueryTimeout(calls.queryTimeoutSeconds());
              statement.execute(TSql.openToApplications(database));
            }
          }
          calls.on(
              SqlEndpoint.of(source),
              "read login defaults of " + source.instanceId(),
              s -> {
                configurator.restoreDefaultDatabases(s, c);
                return null;
              });
          for (String job : create.copiedJobs()) {
            try (Statement statement = c.createStatement()) {
              statement.setQueryTimeout(calls.queryTimeoutSeconds());
              statement.execute(TSqlAgentJobs.setJobEnabled(job, true));
            }
          }
          return null;
        });
    JournalEntry entry =
        journal.putIfAbsent(
            new JournalEntry(
                key,
                clock.instant(),
                1,
                create.where(),
                null,
                null,
                source,
                "-",
                null,
                null,
                target,
                null,
                null,
                "DONE",
                null,
                null,
                null));
    return JournaledOperations.operation(entry);
  }

  EndpointTtl lowerEndpointTtl(OperationKey key, InstanceRef source, long ttlSeconds) {
    Map<String, String> p = source.properties();
    long configured = Long.parseLong(p.getOrDefault("route53Ttl", "60"));
    Optional<JournalEntry> existing = journal.get(key);
    if (existing.isPresent()) {
      return new EndpointTtl(
          configured, Math.min(ttlSeconds, configured), existing.get().startedAt());
    }
    if (ttlSeconds >= configured) {
      return new EndpointTtl(configured, configured, clock.instant());
    }
    // The record keeps pointing at the source (route53SourceValue, else the source's host): only
    // its TTL drops.
    String changeId = route53.upsert(record(source, sourceValue(source), ttlSeconds));
    JournalEntry entry = journal.putIfAbsent(submitted(key, 60, source, null, changeId));
    return new EndpointTtl(configured, ttlSeconds, entry.startedAt());
  }

  /** The record's TTL now: lowered if this task lowered it (never above the configured one). */
  private long currentTtl(OperationKey key, InstanceRef source) {
    long configured = Long.parseLong(source.properties().getOrDefault("route53Ttl", "60"));
    return journal
            .get(new OperationKey(key.taskId(), OperationKind.LOWER_ENDPOINT_TTL, "-", 0))
            .isPresent()
        ? Math.min(LOWERED_TTL_SECONDS, configured)
        : configured;
  }

  /** What the record holds while it points at the source: route53SourceValue, else the host. */
  private static String sourceValue(InstanceRef source) {
    return source.properties().getOrDefault("route53SourceValue", source.host());
  }

  /** An UPSERT of the source's endpoint record to {@code value} with {@code ttl}. */
  private static Route53Endpoint.RecordChange record(InstanceRef source, String value, long ttl) {
    Map<String, String> p = source.properties();
    return new Route53Endpoint.RecordChange(
        p.get("route53ZoneId"),
        p.getOrDefault("route53RecordName", source.endpoint()),
        p.getOrDefault("route53RecordType", "CNAME"),
        value,
        ttl);
  }

  /** The journal entry of a submitted Route 53 change, polled until INSYNC. */
  private JournalEntry submitted(
      OperationKey key,
      long timeoutSeconds,
      InstanceRef source,
      TargetRef target,
      String changeId) {
    return new JournalEntry(
        key,
        clock.instant(),
        timeoutSeconds,
        null,
        null,
        null,
        source,
        "-",
        null,
        null,
        target,
        null,
        null,
        "SUBMITTED",
        null,
        null,
        changeId);
  }
}
