package dev.sqlup.workflow;

import dev.sqlup.config.UpgradeLauncher;
import dev.sqlup.dataplane.BackupRef;
import dev.sqlup.dataplane.DataPlane;
import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.dataplane.SourceInventory;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.InstanceStatus;
import dev.sqlup.domain.SourceProfile;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.store.InFlightTask;
import dev.sqlup.store.IncorrectInstanceStateException;
import dev.sqlup.store.InstanceRepository;
import dev.sqlup.store.Page;
import dev.sqlup.store.TaskRepository;
import dev.sqlup.store.UpgradeInProgressException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The scheduled sweeps, two jobs run by two functions of the template (each its own schedule, its
 * own permissions and its own failures; only the first needs Step Functions):
 *
 * <ol>
 *   <li>Stale submissions ({@code SweeperFunction}): a task still {@code Pending} {@value
 *       #STALE_PENDING_MINUTES} minutes after its creation means the submission stopped between its
 *       steps (docs/api.md, "Crash safety") and the client did not retry. The sweeper finishes it
 *       as a retry would: it takes the instance's lock for the task (a no-op if the task holds it)
 *       and starts the execution (named after the task); if the instance can no longer be locked
 *       for it, nothing was changed and the task is marked Failed. A task whose execution exists is
 *       left to it, or compensated as below if it ended.
 *   <li>Reconcile ({@code SweeperFunction}, every 5 minutes): a task still Running /
 *       WaitingForSwitchWindow / Switching whose execution has ended (failed, timed out, aborted,
 *       or a compensation that gave up) gets the state machine's own compensation ({@link
 *       Compensation}), read from the facts the task recorded.
 *   <li>Pre-upgrade full backups ({@code PreUpgradeBackupFunction}, every 15 minutes): an instance
 *       with an upgrade <em>planned</em> — tag {@value #PLANNED_TAG} = an ISO-8601 instant within
 *       the next 36 hours, set through the API like any tag — and Running gets a full backup of
 *       every database that has none within 36 h before the planned time, so the upgrade reuses it
 *       and skips its own full backup (the guide's best practice). The backup key is derived from
 *       the instance and the planned day: sweeping again never starts a second one.
 * </ol>
 */
public final class Sweeper {
  public static final String PLANNED_TAG = "sqlup:upgradePlannedAt";
  static final Set<String> ENDED = Set.of("SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED");

  /**
   * A submission finishes within its Lambda timeout (30 s): a Pending task this old was abandoned.
   */
  static final long STALE_PENDING_MINUTES = 5;

  private final Workflow workflow;
  private final TaskRepository tasks;
  private final InstanceRepository instances;
  private final Executions executions;
  private final UpgradeLauncher launcher;

  public Sweeper(
      Workflow workflow,
      TaskRepository tasks,
      InstanceRepository instances,
      Executions executions,
      UpgradeLauncher launcher) {
    this.workflow = workflow;
    this.tasks = tasks;
    this.instances = instances;
    this.executions = executions;
    this.launcher = launcher;
  }

  /** What one sweep did. */
  public record Report(List<String> reconciled, List<String> backupsStarted, List<String> errors) {}

  /** Both jobs, as one pass (what the tests' duplicate schedule deliveries run). */
  public Report sweep() {
    Report executions = reconcileEndedExecutions();
    Report backups = startPreUpgradeBackups();
    List<String> errors = new ArrayList<>(executions.errors());
    errors.addAll(backups.errors());
    return new Report(executions.reconciled(), backups.backupsStarted(), errors);
  }

  /**
   * Job 1 (SweeperFunction): finishes or fails abandoned submissions, and compensates in-flight
   * tasks whose execution has ended.
   */
  public Report reconcileEndedExecutions() {
    List<String> reconciled = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    forEachTask(TaskStatus.Pending, this::settleStalePending, reconciled, errors);
    // Listed after the Pending pass, before the in-flight tasks are read: an execution that ends
    // after the listing is found ended by the next sweep, as it would be between two describes.
    Set<String> running = runningExecutions(errors);
    // One listing of the sparse in-flight index: only a task whose execution is not running is
    // read whole.
    for (InFlightTask listed : tasks.allInFlight()) {
      if (running.contains(listed.taskId())) {
        continue;
      }
      try {
        tasks
            .find(listed.taskId())
            .filter(t -> t.status().isInFlight())
            .flatMap(this::reconcile)
            .ifPresent(reconciled::add);
      } catch (RuntimeException e) {
        errors.add(listed.taskId() + ": " + e.getMessage());
      }
    }
    return new Report(reconciled, List.of(), errors);
  }

  /** The running executions' names; none (so each task is described) when the listing fails. */
  private Set<String> runningExecutions(List<String> errors) {
    try {
      return executions.running().orElse(Set.of());
    } catch (RuntimeException e) {
      errors.add("listing the running executions: " + e.getMessage());
      return Set.of();
    }
  }

  /**
   * Runs {@code action} on every task in {@code status}, page by page; one task's failure does not
   * stop the rest.
   */
  private void forEachTask(
      TaskStatus status,
      java.util.function.Function<UpgradeTask, java.util.Optional<String>> action,
      List<String> done,
      List<String> errors) {
    String token = null;
    do {
      Page<UpgradeTask> page = tasks.listByStatus(status, 50, token);
      for (UpgradeTask task : page.items()) {
        try {
          action.apply(task).ifPresent(done::add);
        } catch (RuntimeException e) {
          errors.add(task.taskId() + ": " + e.getMessage());
        }
      }
      token = page.nextToken();
    } while (token != null);
  }

  /**
   * Job 2 (PreUpgradeBackupFunction): full backups ahead of planned upgrades; needs no Step
   * Functions.
   */
  public Report startPreUpgradeBackups() {
    List<String> backups = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    String token = null;
    do {
      Page<Instance> page = instances.listTagged(PLANNED_TAG, 100, token);
      for (Instance instance : page.items()) {
        try {
          backups.addAll(preUpgradeBackups(instance));
        } catch (RuntimeException e) {
          errors.add(instance.instanceId() + ": " + e.getMessage());
        }
      }
      token = page.nextToken();
    } while (token != null);
    return new Report(List.of(), backups, errors);
  }

  private java.util.Optional<String> settleStalePending(UpgradeTask task) {
    Instant now = workflow.clock().instant();
    if (task.createdAt() == null
        || task.createdAt().plus(Duration.ofMinutes(STALE_PENDING_MINUTES)).isAfter(now)) {
      return java.util.Optional.empty(); // a submission may still be running its steps
    }
    java.util.Optional<String> execution = executions.status(task.taskId());
    if (execution.isPresent()) {
      return compensateIfEnded(
          task, execution); // started: its first phase records that, unless it ended first
    }
    // What a retry with the same clientToken would do: take the lock (a no-op if the task holds it)
    // and start
    // the execution (named after the task). Both steps are idempotent, so a submission that is in
    // fact still
    // running its steps (possible only on a virtual clock) ends the same way whichever of the two
    // goes first.
    try {
      instances.acquireUpgradeLock(task.instanceId(), task.taskId());
    } catch (UpgradeInProgressException | IncorrectInstanceStateException e) {
      tasks.update(
          task.failed(
              "SubmissionAbandoned: the submission stopped before it locked the instance, which "
                  + "can no longer be locked for it ("
                  + e.getMessage()
                  + "); nothing was changed",
              now));
      return java.util.Optional.of(task.taskId() + " SubmissionAbandoned");
    }
    launcher.start(task.taskId(), UpgradeLauncher.input(task.taskId(), task.instanceId()));
    return java.util.Optional.of(task.taskId() + " WorkflowStarted");
  }

  private java.util.Optional<String> reconcile(UpgradeTask task) {
    return compensateIfEnded(task, executions.status(task.taskId()));
  }

  private java.util.Optional<String> compensateIfEnded(
      UpgradeTask task, java.util.Optional<String> execution) {
    if (execution.isEmpty() || !ENDED.contains(execution.get())) {
      return java.util.Optional.empty();
    }
    String reason =
        "ExecutionEnded: the upgrade execution ended "
            + execution.get()
            + " without finishing the task";
    Compensation.Outcome outcome =
        new Compensation(workflow).run(task.taskId(), reason, null, null);
    return java.util.Optional.of(task.taskId() + " " + outcome);
  }

  private List<String> preUpgradeBackups(Instance instance) {
    String planned = instance.tags().get(PLANNED_TAG);
    if (planned == null
        || instance.status() != InstanceStatus.Running
        || instance.activeTaskId() != null) {
      return List.of();
    }
    Instant plannedAt;
    try {
      plannedAt = Instant.parse(planned);
    } catch (DateTimeParseException e) {
      return List.of();
    }
    Instant now = workflow.clock().instant();
    if (plannedAt.isBefore(now)
        || Duration.between(now, plannedAt).compareTo(SourceProfile.RECENT_FULL_BACKUP) > 0) {
      return List.of();
    }
    DataPlane plane = workflow.dataPlanes().of(instance).plane();
    InstanceRef source = Refs.source(instance);
    // A backup finishing by the planned time and no older than 36 h then is what the upgrade will
    // reuse.
    Set<String> covered =
        plane.recentFullBackups(source, plannedAt, SourceProfile.RECENT_FULL_BACKUP).stream()
            .map(BackupRef::database)
            .collect(Collectors.toSet());
    String owner = sweepTaskId(instance.instanceId(), plannedAt);
    List<String> started = new ArrayList<>();
    for (SourceInventory.Database db : plane.inventory(source).databases()) {
      if (!covered.contains(db.name())) {
        plane.startFullBackup(
            new OperationKey(owner, OperationKind.FULL_BACKUP, db.name(), 0), source, db.name());
        started.add(instance.instanceId() + "/" + db.name());
      }
    }
    return started;
  }

  /** A data-plane owner id for the sweeper's backups: one per instance and planned day. */
  static String sweepTaskId(String instanceId, Instant plannedAt) {
    String safe = instanceId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    if (safe.length() > 40) {
      safe = safe.substring(0, 40);
    }
    return "sweep-" + safe + "-" + plannedAt.getEpochSecond() / 86_400;
  }
}
