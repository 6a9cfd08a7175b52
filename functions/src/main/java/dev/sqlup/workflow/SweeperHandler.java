package dev.sqlup.workflow;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.sqlup.config.CloudWatchMetrics;
import dev.sqlup.config.JsonLog;
import dev.sqlup.config.Services;
import dev.sqlup.config.SnapStartPriming;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.json.Json;
import dev.sqlup.store.TaskRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 5-minute schedule's function: starts or fails abandoned submissions and compensates in-flight
 * tasks whose execution ended unnoticed ({@link Sweeper#reconcileEndedExecutions}); the event body
 * is not used. Pre-upgrade backups are {@link PreUpgradeBackupHandler}'s.
 */
public final class SweeperHandler implements RequestStreamHandler, SnapStartPriming.Primed {
  private final Sweeper sweeper;
  private final SnapStartPriming priming;
  private final TaskRepository tasks;
  private final CloudWatchMetrics metrics;
  private final Clock clock;

  /** Embedded-metric lines of the compensations a sweep runs (same namespace as the phases). */
  private final String namespace;

  /**
   * The Lambda runtime's constructor: clients and repositories are built here, at init, and the
   * sweep's read path is primed before the SnapStart snapshot.
   */
  public SweeperHandler() {
    this(Services.fromEnvironment());
    priming.register();
  }

  public SweeperHandler(Services services) {
    this(
        services,
        WorkflowServices.workflow(services),
        new SfnExecutions(services.sfn(), services.env(Services.UPGRADE_STATE_MACHINE_ARN)));
  }

  private SweeperHandler(Services services, Workflow workflow, SfnExecutions executions) {
    this.sweeper =
        new Sweeper(
            workflow, services.tasks(), services.instances(), executions, services.launcher());
    this.tasks = services.tasks();
    this.metrics = CloudWatchMetrics.of(services);
    this.clock = workflow.clock();
    this.namespace = workflow.metricsNamespace();
    // What a reconcile pass reads first, none of it written: a page of running tasks, the status of
    // an
    // execution (one that does not exist), a data plane poll, and the report's JSON.
    this.priming =
        new SnapStartPriming(getClass().getSimpleName())
            .step(
                "a page of Running tasks",
                () -> services.tasks().listByStatus(TaskStatus.Running, 1, null))
            .step(
                "status of an execution that does not exist",
                () -> {
                  if (executions.status(SnapStartPriming.MISSING_ID).isPresent()) {
                    throw new IllegalStateException(
                        "an execution named " + SnapStartPriming.MISSING_ID + " exists");
                  }
                })
            .step(
                "simulated data plane: poll of an unknown operation",
                () -> PhaseHandler.primeDataPlane(workflow))
            .step(
                "report JSON",
                () ->
                    Json.writeBytes(
                        new Sweeper.Report(
                            List.of(SnapStartPriming.MISSING_ID), List.of(), List.of())));
  }

  SweeperHandler(Sweeper sweeper) {
    this.sweeper = sweeper;
    this.priming = new SnapStartPriming(getClass().getSimpleName());
    this.tasks = null;
    this.metrics = new CloudWatchMetrics(null, () -> null);
    this.clock = Clock.systemUTC();
    this.namespace = null;
  }

  /** The sweep's SnapStart priming (registered only by the Lambda runtime's constructor). */
  @Override
  public SnapStartPriming priming() {
    return priming;
  }

  public Sweeper.Report reconcile() {
    return sweeper.reconcileEndedExecutions();
  }

  /**
   * Counts the upgrades in flight and those over their estimate, and sends both to CloudWatch when
   * metrics are on. A failure here is logged and never fails the sweep: reconciling matters more
   * than a data point.
   */
  TaskMetrics.Snapshot publishMetrics(JsonLog log) {
    if (tasks == null) {
      return null;
    }
    try {
      TaskMetrics.Snapshot snapshot = TaskMetrics.measure(tasks, clock.instant());
      metrics.publishCounts(snapshot.counts(), clock.instant());
      Map<String, Object> fields = new LinkedHashMap<>(snapshot.counts());
      fields.put("tasksOverEstimate", snapshot.overEstimate());
      fields.put("published", metrics.enabled());
      log.info("upgrades in flight", fields);
      return snapshot;
    } catch (RuntimeException e) {
      log.error(
          "task metrics not published",
          Map.of("error", e.getClass().getName(), "cause", String.valueOf(e.getMessage())));
      return null;
    }
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    input.readAllBytes();
    JsonLog log =
        (context == null || context.getLogger() == null
                ? JsonLog.to(line -> {}, clock, null)
                : JsonLog.to(context.getLogger()::log, clock, namespace))
            .with("phase", "Sweeper");
    Sweeper.Report report = log.during(this::reconcile);
    log.info("sweep done", Map.of("reconciled", report.reconciled(), "errors", report.errors()));
    publishMetrics(log);
    Json.write(report, output);
  }
}
