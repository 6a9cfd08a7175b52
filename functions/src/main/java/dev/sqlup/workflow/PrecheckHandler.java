package dev.sqlup.workflow;

import dev.sqlup.config.DataPlaneBindings;
import dev.sqlup.dataplane.BackupRef;
import dev.sqlup.dataplane.DataPlane;
import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.SourceInventory;
import dev.sqlup.dataplane.SourceInventory.RecoveryModel;
import dev.sqlup.domain.Blocker;
import dev.sqlup.domain.Estimator;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.InstanceSpec;
import dev.sqlup.domain.Limitations;
import dev.sqlup.domain.MaintenanceWindow;
import dev.sqlup.domain.Precheck;
import dev.sqlup.domain.RdsEdition;
import dev.sqlup.domain.SourcePrechecks;
import dev.sqlup.domain.SourceProfile;
import dev.sqlup.domain.Speeds;
import dev.sqlup.domain.SqlEdition;
import dev.sqlup.domain.StepStatus;
import dev.sqlup.domain.SwitchTime;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeRejected;
import dev.sqlup.domain.UpgradeRules;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.workflow.plan.CatchUpPolicy;
import dev.sqlup.workflow.plan.DatabaseProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.stream.Collectors;

/**
 * Phase 1: the prechecks again at the start (the instance may have changed since the API accepted
 * the request): the source is discovered again and stored, and the prechecks from its facts ({@link
 * SourcePrechecks}) fail the upgrade with their code before anything is created. Records the
 * inventory (names, recovery models) for the pre-switch guard and picks a full backup within 36 h
 * per database when there is one.
 */
public final class PrecheckHandler extends PhaseHandler {
  public PrecheckHandler() {
    this(dev.sqlup.config.Services.fromEnvironment());
    initForLambda();
  }

  public PrecheckHandler(dev.sqlup.config.Services services) {
    this(WorkflowServices.workflow(services));
  }

  PrecheckHandler(Workflow workflow) {
    super(workflow);
  }

  @Override
  protected void addPrimingSteps(dev.sqlup.config.SnapStartPriming priming) {
    priming.step(
        "the catalogue and the upgrade rules",
        () ->
            new UpgradeRules(workflow.catalogue())
                .options(
                    new InstanceSpec(
                        "2019",
                        SqlEdition.Standard,
                        RdsEdition.HighAvailability,
                        "mssql.x4.large")));
  }

  @Override
  protected UpgradeState run(UpgradeState state) {
    Instant now = workflow.clock().instant();
    UpgradeTask task = workflow.records().task(state.taskId());
    Instance instance = workflow.records().instance(state.instanceId());
    if (task.status().isFinal()) {
      throw new UpgradeFailedException(
          "TaskAlreadyFinished", "task " + task.taskId() + " is " + task.status());
    }
    if (!task.taskId().equals(instance.activeTaskId())) {
      throw new UpgradeFailedException(
          "LockNotHeld",
          "instance "
              + instance.instanceId()
              + " is not locked for task "
              + task.taskId()
              + " (lock: "
              + instance.activeTaskId()
              + ")");
    }
    List<Blocker> blockers =
        Limitations.blockers(instance).stream()
            .filter(b -> b.kind() != Blocker.Kind.IN_PROGRESS)
            .toList();
    if (!blockers.isEmpty()) {
      throw new UpgradeFailedException(
          "PrecheckFailed",
          blockers.stream()
              .map(b -> b.code() + ": " + b.message())
              .collect(Collectors.joining("; ")));
    }
    if (task.source() != null && !task.source().equals(instance.spec())) {
      throw new UpgradeFailedException(
          "SourceChanged",
          "the instance is now "
              + instance.spec()
              + ", the task was planned from "
              + task.source());
    }
    UpgradeRules rules = new UpgradeRules(workflow.catalogue());
    List<UpgradeRejected> broken = rules.violations(instance.spec(), task.target());
    if (!broken.isEmpty()) {
      throw new UpgradeFailedException(
          "PrecheckFailed",
          broken.stream().map(UpgradeRejected::getMessage).collect(Collectors.joining("; ")));
    }
    rules.checkAcceleratedDatabaseRecovery(task.target(), task.acceleratedDatabaseRecovery());

    DataPlane plane = workflow.dataPlanes().of(instance).plane();
    InstanceRef source = Refs.source(instance);
    // Discovered again at the start: the facts may have changed since the request was accepted.
    dev.sqlup.domain.SourceInventory facts = plane.describeSource(source);
    Instance discovered =
        workflow.records().updateInstance(instance.instanceId(), i -> i.withInventory(facts));
    List<String> factWarnings = new java.util.ArrayList<>();
    for (Precheck check :
        new SourcePrechecks(workflow.catalogue())
            .run(
                discovered,
                task.target(),
                null,
                now,
                Duration.ofHours(1),
                DataPlaneBindings.requiresDiscovery(instance.engine().binding()))) {
      if (check.result() == Precheck.Result.FAILED) {
        throw new UpgradeFailedException(
            check.code(),
            check.message() + (check.remedy() == null ? "" : "; remedy: " + check.remedy()));
      }
      if (check.result() == Precheck.Result.WARNING) {
        factWarnings.add(check.code());
      }
    }
    SourceInventory inventory = plane.inventory(source);
    List<String> simple =
        inventory.databases().stream()
            .filter(d -> d.recoveryModel() == RecoveryModel.SIMPLE)
            .map(SourceInventory.Database::name)
            .toList();
    if (!simple.isEmpty()) {
      throw new UpgradeFailedException(
          "RecoveryModelSimple",
          "databases in SIMPLE recovery cannot be log-shipped; switch them to FULL first: "
              + String.join(", ", simple));
    }
    if (inventory.databases().isEmpty()) {
      throw new UpgradeFailedException("NoDatabases", "the source has no user database to move");
    }
    Map<String, BackupRef> recent =
        plane.recentFullBackups(source, now, SourceProfile.RECENT_FULL_BACKUP).stream()
            .collect(
                Collectors.toMap(
                    BackupRef::database,
                    b -> b,
                    BinaryOperator.maxBy(Comparator.comparing(BackupRef::finishedAt))));
    long total = Math.max(1, inventory.totalDataBytes());
    // Smallest first: the target's restore channel, the bottleneck of a pipelined copy, starts as
    // early
    // as possible and the short backups hide behind the long restores.
    List<DatabaseProgress> databases =
        inventory.databases().stream()
            .sorted(Comparator.comparingLong(SourceInventory.Database::sizeBytes))
            .map(
                d ->
                    DatabaseProgress.start(
                        d.name(),
                        d.recoveryModel().name(),
                        Math.round(inventory.logBytesPerHour() * (double) d.sizeBytes() / total),
                        recent.get(d.name())))
            .toList();

    requireConvergingCatchUp(task, instance, databases, inventory.logBytesPerHour());
    if (task.switchTime() == SwitchTime.MaintenanceWindow) {
      MaintenanceWindow window = WindowPlans.window(instance);
      Duration least = WindowPlans.needed(task, databases.size(), 0);
      if (window.length().compareTo(least) < 0) {
        throw new UpgradeFailedException(
            "MaintenanceWindowTooShort",
            "the maintenance window "
                + window
                + " lasts "
                + window.length().toMinutes()
                + " min; the final catch-up and switch of "
                + databases.size()
                + " database(s) need at least "
                + (least.toSeconds() + 59) / 60
                + " min");
      }
    }
    String detail =
        databases.size()
            + " database(s): "
            + databases.stream()
                .map(
                    d ->
                        d.name()
                            + " ("
                            + d.recoveryModel()
                            + (d.reusedFullBackup() ? ", full backup within 36 h" : "")
                            + ")")
                .collect(Collectors.joining(", "))
            + "; log "
            + inventory.logBytesPerHour()
            + " bytes/h";
    // Warnings from the facts discovered now (they may be new since the submission) join the
    // task's.
    workflow
        .records()
        .updateTask(
            task.taskId(),
            t ->
                TaskCopies.withWarnings(
                    TaskProgress.at(
                        t,
                        TaskStatus.Running,
                        TaskSteps.PRECHECK,
                        1,
                        TaskSteps.finished(
                            TaskSteps.started(t.steps(), TaskSteps.PRECHECK, now, null),
                            TaskSteps.PRECHECK,
                            StepStatus.Succeeded,
                            now,
                            detail),
                        now),
                    factWarnings));
    return state.withDatabases(databases).advanced(true, 0);
  }

  /**
   * Fails, before anything is created, an upgrade whose log catch-up can never converge at the
   * source's log rate: even with every round shipped back to back at the task's log speed (the
   * guide's 200 GB/h + 2 min per backup and per restore), a round would carry more than the small
   * lag the switch waits for (see {@link CatchUpPolicy#leastRoundBytes}). The copy would take hours
   * and then fail anyway.
   */
  private void requireConvergingCatchUp(
      UpgradeTask task, Instance instance, List<DatabaseProgress> databases, long instanceRate) {
    Speeds speeds =
        task.estimate() != null
            ? task.estimate().speeds()
            : Speeds.guide(instance.spec().sqlEdition());
    double shipBytesPerHour = speeds.logGbPerHour() * 1e9;
    Duration overhead = Duration.ofSeconds(Estimator.LOG_OVERHEAD_SECONDS);
    CatchUpPolicy policy = workflow.policy();
    List<String> stuck =
        databases.stream()
            .filter(
                d ->
                    !policy.canConverge(
                        d.logBytesPerHour(), instanceRate, shipBytesPerHour, overhead))
            .map(
                d -> {
                  long least =
                      CatchUpPolicy.leastRoundBytes(
                          d.logBytesPerHour(), instanceRate, shipBytesPerHour, overhead);
                  return String.format(
                      Locale.ROOT,
                      "%s writes %.1f GB/h, its log rounds would never get below %s",
                      d.name(),
                      d.logBytesPerHour() / 1e9,
                      least == Long.MAX_VALUE
                          ? "the whole log"
                          : String.format(Locale.ROOT, "%.2f GB", least / 1e9));
                })
            .toList();
    if (!stuck.isEmpty()) {
      throw new UpgradeFailedException(
          "CatchUpNotConverging",
          String.format(
              Locale.ROOT,
              "precheck: the instance "
                  + "writes %.1f GB of transaction log per hour; shipped at %.0f GB/h + %d min per log backup and per log "
                  + "restore, the catch-up can never bring the lag below the %.2f GB the switch waits for (%s). Nothing was "
                  + "created. Upgrade when the log rate is lower (off-peak, no index rebuilds or bulk loads)",
              instanceRate / 1e9,
              speeds.logGbPerHour(),
              overhead.toMinutes(),
              policy.smallLagBytes() / 1e9,
              String.join("; ", stuck)));
    }
  }
}
