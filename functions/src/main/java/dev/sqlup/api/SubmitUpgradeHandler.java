package dev.sqlup.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sqlup.config.DataPlaneBindings;
import dev.sqlup.config.Services;
import dev.sqlup.config.SnapStartPriming;
import dev.sqlup.config.UpgradeLauncher;
import dev.sqlup.domain.Blocker;
import dev.sqlup.domain.Cutover;
import dev.sqlup.domain.DowntimeEstimate;
import dev.sqlup.domain.Estimate;
import dev.sqlup.domain.Estimator;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.InstanceStatus;
import dev.sqlup.domain.Limitations;
import dev.sqlup.domain.Precheck;
import dev.sqlup.domain.Prechecks;
import dev.sqlup.domain.SourcePrechecks;
import dev.sqlup.domain.SourceProfile;
import dev.sqlup.domain.SpeedCalibration;
import dev.sqlup.domain.StepStatus;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.TaskStep;
import dev.sqlup.domain.UpgradeRules;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.json.Json;
import dev.sqlup.store.IncorrectInstanceStateException;
import dev.sqlup.store.TaskAlreadyExistsException;
import dev.sqlup.store.UpgradeInProgressException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /instances/{instanceId}/upgrades}: validates, runs the rules, estimates, and either
 * answers a dry run (200, no state change) or submits (202).
 *
 * <p>Writes, each a single-item conditional write: (1) create the task Pending (conditional on its
 * id being new), (2) take the instance lock (conditional: Running, no active task), (3) start the
 * execution (idempotent: execution name = task id). A submission that loses the lock deletes its
 * Pending task. If the start fails the lock is released and the task marked Failed. A crash between
 * steps leaves either a Pending task without lock (invisible to the instance) or a locked instance
 * with a Pending task: resubmitting with the same clientToken resumes at step 2; otherwise the
 * sweeper finishes or fails stale Pending tasks (see docs/api.md, "Crash safety").
 */
public final class SubmitUpgradeHandler extends ApiHandler {
  /** How many of the instance's latest tasks calibrate the speeds. */
  static final int CALIBRATION_HISTORY = 10;

  private final Estimator estimator = new Estimator();

  public SubmitUpgradeHandler() {
    this(Services.fromEnvironment());
    initForLambda();
    services.launcher(); // the Step Functions client, at init like the DynamoDB one
  }

  public SubmitUpgradeHandler(Services services) {
    super(services);
  }

  @Override
  protected PrimingRequest primingRequest() {
    // A dry run of an unknown instance: the body is parsed and checked against the catalogue, then
    // 404.
    String dryRun =
        "{\"engineVersion\":\"2022\",\"sqlEdition\":\"Standard\",\"rdsEdition\":\"HighAvailability\","
            + "\"instanceType\":\"mssql.x4.large\",\"switchTime\":\"Immediate\",\"dryRun\":true}";
    return new PrimingRequest(
        primingEvent(
            "POST",
            "/instances/{instanceId}/upgrades",
            Map.of("instanceId", SnapStartPriming.MISSING_ID),
            dryRun),
        404);
  }

  @Override
  protected void addPrimingSteps(SnapStartPriming priming) {
    priming.step("instance JSON round trip", () -> primeInstanceJson(services));
    priming.step("task JSON round trip", ApiHandler::primeTaskJson);
  }

  @Override
  protected APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
    String instanceId = Requests.pathId(event, "instanceId");
    Requests.query(event, Set.of());
    UpgradeRequest request =
        UpgradeRequests.parse(Requests.jsonObject(event), services.catalogue());
    Instance instance = services.instances().get(instanceId);
    String requestHash = UpgradeRequests.requestHash(instanceId, request);
    String taskId =
        request.clientToken() == null
            ? services.taskIds().get()
            : UpgradeRequests.tokenTaskId(instanceId, request.clientToken());

    if (request.clientToken() != null && !request.dryRun()) {
      Optional<UpgradeTask> earlier = services.tasks().find(taskId);
      if (earlier.isPresent()) {
        return replay(earlier.get(), requestHash);
      }
    }
    UpgradeRules rules = new UpgradeRules(services.catalogue());
    Instant now = services.clock().instant();
    Estimate estimate =
        SourceProfile.of(instance)
            .estimate(
                estimator, instance.sqlEdition(), now, calibratedSpeeds(instance).orElse(null));
    Prechecks prechecks = new Prechecks(services.catalogue());
    // Facts from the stored inventory only; the real data plane needs a fresh one
    // (SourceNotDiscovered).
    List<Precheck> sourceChecks =
        new SourcePrechecks(services.catalogue())
            .run(
                instance,
                request.target(),
                request.targetStorageGb(),
                now,
                services.dataPlanes().inventoryMaxAge(),
                DataPlaneBindings.requiresDiscovery(instance.engine().binding()));
    SwitchSettings.requireWindow(instance, request.switchTime());
    Instant ready =
        now.plusSeconds(estimate.totalSeconds() - estimate.remaining(Estimate.LOG_APPLY, 1.0));
    SwitchSettings.requireReachable(request.switchAt(), ready);
    if (request.dryRun()) {
      List<Precheck> checks =
          new ArrayList<>(
              prechecks.run(
                  instance,
                  request.target(),
                  request.switchTime(),
                  request.acceleratedDatabaseRecovery(),
                  estimate,
                  now));
      checks.addAll(sourceChecks);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("dryRun", true);
      body.put("upgradable", checks.stream().noneMatch(c -> c.result() == Precheck.Result.FAILED));
      body.put("prechecks", Views.trees(checks));
      body.put("source", Json.toTree(instance.spec()));
      body.put("target", Json.toTree(request.target()));
      body.put("estimate", Json.toTree(estimate));
      body.put(
          "expectedDowntimeSeconds",
          DowntimeEstimate.expected(
                  estimate.speeds().logGbPerHour(), request.acceleratedDatabaseRecovery())
              .totalSeconds());
      return json(200, body);
    }
    rules.check(instance.spec(), request.target());
    rules.checkAcceleratedDatabaseRecovery(request.target(), request.acceleratedDatabaseRecovery());
    rejectIfBlocked(instance);
    for (Precheck check : sourceChecks) {
      if (check.result() == Precheck.Result.FAILED && check.code().equals("SourceNotDiscovered")) {
        throw new ApiException(
            409, check.code(), null, check.message() + "; " + check.remedy(), null);
      }
    }

    List<Precheck> advice =
        new ArrayList<>(
            prechecks.warnings(
                instance,
                request.target(),
                request.switchTime(),
                request.acceleratedDatabaseRecovery(),
                estimate,
                now));
    advice.addAll(sourceChecks);
    List<String> warnings =
        advice.stream()
            .filter(c -> c.result() == Precheck.Result.WARNING)
            .map(Precheck::code)
            .toList();
    List<TaskStep> steps = new ArrayList<>();
    for (String phase : Estimate.PHASES) {
      boolean skipped = phase.equals(Estimate.FULL_BACKUP) && estimate.fullBackupSkipped();
      steps.add(
          new TaskStep(
              phase,
              skipped ? StepStatus.Skipped : StepStatus.Pending,
              null,
              null,
              skipped ? "a full backup from the last 36 hours is reused" : null));
    }
    UpgradeTask task =
        new UpgradeTask(
            taskId,
            instanceId,
            TaskStatus.Pending,
            Estimate.CREATE,
            0,
            SwitchSettings.remainingWithWait(
                estimate, instance, request.switchTime(), request.switchAt(), now, ready),
            estimate,
            steps,
            instance.spec(),
            request.target(),
            request.switchTime(),
            request.acceleratedDatabaseRecovery(),
            now,
            now,
            request.clientToken(),
            requestHash,
            null,
            null,
            List.of(),
            warnings,
            0,
            new Cutover(request.switchAt(), request.cutoverGuards(), List.of(), List.of()),
            instance.engine().binding());
    UpgradeTask created;
    try {
      created = services.tasks().create(task);
    } catch (TaskAlreadyExistsException e) {
      // A concurrent request with the same client token created it first.
      return replay(e.existing(), requestHash);
    }
    return lockAndLaunch(created);
  }

  /**
   * Steps 2 and 3 of the submission; both are idempotent, so a retried submission may run them
   * again.
   */
  private APIGatewayProxyResponseEvent lockAndLaunch(UpgradeTask task) {
    try {
      services.instances().acquireUpgradeLock(task.instanceId(), task.taskId());
    } catch (UpgradeInProgressException | IncorrectInstanceStateException lost) {
      services.tasks().deletePending(task.taskId());
      throw lost;
    }
    try {
      services.launcher().start(task.taskId(), launchInput(task));
    } catch (UpgradeLauncher.LaunchFailedException e) {
      services
          .instances()
          .releaseUpgradeLock(task.instanceId(), task.taskId(), InstanceStatus.Running);
      services
          .tasks()
          .update(
              task.failed("WorkflowStartFailed: " + e.getMessage(), services.clock().instant()));
      throw new ApiException(
          503,
          "WorkflowStartFailed",
          null,
          "the upgrade workflow could not be started; nothing was changed, retry later",
          Map.of("taskId", task.taskId()));
    }
    return accepted(task);
  }

  private APIGatewayProxyResponseEvent replay(UpgradeTask earlier, String requestHash) {
    if (!earlier.requestHash().equals(requestHash)) {
      throw new ApiException(
          409,
          "IdempotencyConflict",
          "clientToken",
          "clientToken was already used for a different request (task " + earlier.taskId() + ")",
          Map.of("taskId", earlier.taskId()));
    }
    if (earlier.status() == TaskStatus.Pending) {
      return lockAndLaunch(earlier);
    }
    return accepted(earlier);
  }

  private static APIGatewayProxyResponseEvent accepted(UpgradeTask task) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("taskId", task.taskId());
    body.put("instanceId", task.instanceId());
    body.put("status", task.status().name());
    body.put("estimate", task.estimate() == null ? null : Json.toTree(task.estimate()));
    body.put("warnings", task.warnings());
    return json(202, body);
  }

  private static void rejectIfBlocked(Instance instance) {
    for (Blocker b : Limitations.blockers(instance)) {
      switch (b.kind()) {
        case LIMITATION -> throw new ApiException(422, b.code(), null, b.message(), null);
        case IN_PROGRESS ->
            throw new ApiException(
                409, b.code(), null, b.message(), Map.of("taskId", instance.activeTaskId()));
        case STATE ->
            throw new ApiException(
                409, b.code(), null, b.message(), Map.of("status", instance.status().name()));
      }
    }
  }

  /**
   * Speeds measured on this instance's finished upgrades (the guide: "refer to … the last
   * upgrade").
   */
  private Optional<dev.sqlup.domain.Speeds> calibratedSpeeds(Instance instance) {
    List<SpeedCalibration.Sample> samples = new ArrayList<>();
    for (UpgradeTask t :
        services.tasks().listByInstance(instance.instanceId(), CALIBRATION_HISTORY, null).items()) {
      if (t.status() == TaskStatus.Succeeded
          && t.estimate() != null
          && t.source().sqlEdition() == instance.sqlEdition()) {
        samples.add(
            new SpeedCalibration.Sample(
                t.source().sqlEdition(),
                t.estimate().dataSizeGb(),
                stepSeconds(t, Estimate.FULL_BACKUP),
                stepSeconds(t, Estimate.RESTORE_FULL),
                0,
                0));
      }
    }
    return new SpeedCalibration().calibrate(samples, instance.sqlEdition());
  }

  private static long stepSeconds(UpgradeTask task, String name) {
    return task.steps().stream()
        .filter(
            s ->
                s.name().equals(name)
                    && s.status() == StepStatus.Succeeded
                    && s.startedAt() != null
                    && s.endedAt() != null)
        .mapToLong(s -> Duration.between(s.startedAt(), s.endedAt()).toSeconds())
        .findFirst()
        .orElse(0);
  }

  private static String launchInput(UpgradeTask task) {
    return UpgradeLauncher.input(task.taskId(), task.instanceId());
  }
}
