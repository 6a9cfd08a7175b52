package dev.sqlup.dataplane.sqlserver;

import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.Operation;
import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.dataplane.SourceInventory;
import dev.sqlup.dataplane.TargetRef;
import dev.sqlup.dataplane.TargetSpec;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A target's life: claiming and configuring a pool host, recovering its databases, and dropping it.
 * The restores in between are {@link SqlServerRestores}.
 */
final class SqlServerTargets {
  private final SqlCalls calls;
  private final OperationJournal journal;
  private final JournaledOperations journaled;
  private final TargetHostPool pool;
  private final AgentJobs jobs;
  private final TargetConfigurator configurator;
  private final SqlServerSourceReads sourceReads;
  private final Clock clock;

  SqlServerTargets(
      SqlCalls calls,
      OperationJournal journal,
      JournaledOperations journaled,
      TargetHostPool pool,
      AgentJobs jobs,
      TargetConfigurator configurator,
      SqlServerSourceReads sourceReads,
      Clock clock) {
    this.calls = calls;
    this.journal = journal;
    this.journaled = journaled;
    this.pool = pool;
    this.jobs = jobs;
    this.configurator = configurator;
    this.sourceReads = sourceReads;
    this.clock = clock;
  }

  Operation startCreateTarget(OperationKey key, InstanceRef source, TargetSpec spec) {
    Optional<JournalEntry> existing = journal.get(key);
    if (existing.isPresent() && "CONFIGURED".equals(existing.get().phase())) {
      return JournaledOperations.operation(existing.get());
    }
    SourceInventory inventory = sourceReads.inventory(source);
    List<String> simple = SqlServerSourceReads.simpleRecoveryDatabases(inventory);
    if (!simple.isEmpty()) {
      throw new PermanentDataPlaneException(
          "SIMPLE_RECOVERY: these databases use the SIMPLE recovery model and cannot be "
              + "log-shipped; switch them to FULL and take a full backup first: "
              + simple);
    }
    String sourceServer =
        calls.on(
            SqlEndpoint.of(source), "server name of " + source.instanceId(), calls::serverName);
    // The instance keeps its port; targetPort overrides it only where hosts publish different ports
    // (containers).
    int port =
        Integer.parseInt(
            source.properties().getOrDefault("targetPort", Integer.toString(source.port())));
    TargetHost host =
        pool.claim(
            TargetHost.poolKey(spec.engineVersion(), spec.sqlEdition(), spec.instanceType()),
            port,
            key.taskId());
    Map<String, String> snapshot = new TreeMap<>();
    inventory.databases().forEach(d -> snapshot.put(d.name(), d.recoveryModel().name()));
    TargetRef target =
        new TargetRef(
            key.taskId() + "@" + host.hostId(),
            source.instanceId(),
            host.host(),
            host.port(),
            host.engineVersion(),
            host.sqlEdition(),
            "sqlserver");
    JournalEntry entry =
        journal.putIfAbsent(
            new JournalEntry(
                key,
                clock.instant(),
                15 * 60,
                host.endpoint(),
                sourceServer,
                null,
                source,
                "-",
                null,
                null,
                target,
                host.poolKey(),
                host.hostId(),
                "CLAIMED",
                snapshot,
                null,
                null));
    SqlEndpoint sourceEndpoint = SqlEndpoint.of(source);
    List<String> enabledJobs =
        calls.on(
            entry.where(),
            "configure target " + host.hostId(),
            t ->
                calls.on(
                    sourceEndpoint,
                    "read logins and jobs of " + source.instanceId(),
                    s -> configurator.configure(s, t, spec)));
    JournalEntry configured = entry.withCopiedJobs(enabledJobs).withPhase("CONFIGURED");
    journal.put(configured);
    return JournaledOperations.operation(configured);
  }

  Operation startRecoverTarget(
      OperationKey key, TargetRef target, String database, boolean acceleratedRecovery) {
    SqlText.validateIdentifier(database);
    Optional<JournalEntry> existing = journal.get(key);
    if (existing.isPresent()) {
      return journaled.restart(existing.get());
    }
    JournalEntry create = journaled.createEntry(target);
    Map<String, String> options = create.source().properties();
    List<TSqlAgentJobs.JobStep> steps = new ArrayList<>();
    steps.add(new TSqlAgentJobs.JobStep("recover", TSql.recoverDatabase(database), "master"));
    steps.addAll(TailRestoreJob.afterRecovery(target, database, options, acceleratedRecovery));
    String jobName = BackupFiles.jobName(key);
    return calls.on(
        create.where(),
        "recover " + database,
        c -> {
          jobs.ensureStarted(c, jobName, key.render(), steps);
          return JournaledOperations.operation(
              journal.putIfAbsent(
                  new JournalEntry(
                      key,
                      clock.instant(),
                      120,
                      create.where(),
                      null,
                      jobName,
                      create.source(),
                      database,
                      null,
                      null,
                      target,
                      null,
                      null,
                      "STARTED",
                      null,
                      null,
                      null)));
        });
  }

  void dropTarget(OperationKey createKey, InstanceRef source) {
    Optional<JournalEntry> found = journal.get(createKey);
    if (found.isEmpty() || "DROPPED".equals(found.get().phase())) {
      return;
    }
    JournalEntry create = found.get();
    calls.on(
        create.where(),
        "drop target " + create.hostId(),
        c -> {
          try (Statement statement = c.createStatement()) {
            statement.setQueryTimeout(calls.queryTimeoutSeconds());
            for (String database : create.snapshot().keySet()) {
              statement.execute(TSql.dropDatabaseIfExists(database));
            }
            for (String job : create.copiedJobs()) {
              statement.execute(TSqlAgentJobs.setJobEnabled(job, false));
            }
          }
          return null;
        });
    pool.markDirty(create.hostPool(), create.hostId(), createKey.taskId());
    journal.put(create.withPhase("DROPPED"));
  }
}
