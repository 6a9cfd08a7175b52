package dev.sqlup.dataplane.sqlserver;

import dev.sqlup.dataplane.EndpointTtl;
import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.Operation;
import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.dataplane.TargetRef;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The endpoint as a Route 53 record: lowering its TTL ahead of the switch, and moving it to the
 * target once the target's logins and copied jobs are enabled.
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
    JournalEntry create = journaled.createEntry(target);
    Map<String, String> p = source.properties();
    // The lowered TTL stays on the moved record (clients re-resolve quickly); the operator restores
    // it later.
    long ttl =
        journal
                .get(new OperationKey(key.taskId(), OperationKind.LOWER_ENDPOINT_TTL, "-", 0))
                .isPresent()
            ? Math.min(LOWERED_TTL_SECONDS, Long.parseLong(p.getOrDefault("route53Ttl", "60")))
            : Long.parseLong(p.getOrDefault("route53Ttl", "60"));
    Route53Endpoint.RecordChange change =
        new Route53Endpoint.RecordChange(
            p.get("route53ZoneId"),
            p.getOrDefault("route53RecordName", source.endpoint()),
            p.getOrDefault("route53RecordType", "CNAME"),
            target.host(),
            ttl);
    // The databases are online on the target: logins get their default databases back, and the
    // source's jobs run on the target from now on.
    calls.on(
        create.where(),
        "enable copied jobs",
        c -> {
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
    String changeId = route53.upsert(change);
    JournalEntry entry =
        new JournalEntry(
            key,
            clock.instant(),
            600,
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
    journal.put(entry);
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
    Route53Endpoint.RecordChange change =
        new Route53Endpoint.RecordChange(
            p.get("route53ZoneId"),
            p.getOrDefault("route53RecordName", source.endpoint()),
            p.getOrDefault("route53RecordType", "CNAME"),
            p.getOrDefault("route53SourceValue", source.host()),
            ttlSeconds);
    String changeId = route53.upsert(change);
    JournalEntry entry =
        journal.putIfAbsent(
            new JournalEntry(
                key,
                clock.instant(),
                60,
                null,
                null,
                null,
                source,
                "-",
                null,
                null,
                null,
                null,
                null,
                "SUBMITTED",
                null,
                null,
                changeId));
    return new EndpointTtl(configured, ttlSeconds, entry.startedAt());
  }
}
