package dev.sqlup.workflow;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.sqlup.config.Services;
import dev.sqlup.config.SnapStartPriming;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The 5-minute schedule's function: starts or fails abandoned submissions and compensates in-flight tasks
 * whose execution ended unnoticed ({@link Sweeper#reconcileEndedExecutions}); the event body is not used. Pre-upgrade backups are
 * {@link PreUpgradeBackupHandler}'s.
 */
public final class SweeperHandler implements RequestStreamHandler, SnapStartPriming.Primed {
  private final Sweeper sweeper;
  private final SnapStartPriming priming;

  /**
   * The Lambda runtime's constructor: clients and repositories are built here, at init, and the sweep's
   * read path is primed before the SnapStart snapshot.
   */
  public SweeperHandler() {
    this(Services.fromEnvironment());
    priming.register();
  }

  public SweeperHandler(Services services) {
    this(services, WorkflowServices.workflow(services),
        new SfnExecutions(services.sfn(), services.env(Services.UPGRADE_STATE_MACHINE_ARN)));
  }

  private SweeperHandler(Services services, Workflow workflow, SfnExecutions executions) {
    this.sweeper = new Sweeper(workflow, services.tasks(), services.instances(), executions, services.launcher());
    // What a reconcile pass reads first, none of it written: a page of running tasks, the status of an
    // execution (one that does not exist), a data plane poll, and the report's JSON.
    this.priming = new SnapStartPriming(getClass().getSimpleName())
        .step("a page of Running tasks", () -> services.tasks().listByStatus(TaskStatus.Running, 1, null))
        .step("status of an execution that does not exist", () -> {
          if (executions.status(SnapStartPriming.MISSING_ID).isPresent()) {
            throw new IllegalStateException("an execution named " + SnapStartPriming.MISSING_ID + " exists");
          }
        })
        .step("simulated data plane: poll of an unknown operation", () -> PhaseHandler.primeDataPlane(workflow))
        .step("report JSON", () -> Json.writeBytes(
            new Sweeper.Report(List.of(SnapStartPriming.MISSING_ID), List.of(), List.of())));
  }

  SweeperHandler(Sweeper sweeper) {
    this.sweeper = sweeper;
    this.priming = new SnapStartPriming(getClass().getSimpleName());
  }

  /** The sweep's SnapStart priming (registered only by the Lambda runtime's constructor). */
  @Override
  public SnapStartPriming priming() {
    return priming;
  }

  public Sweeper.Report reconcile() {
    return sweeper.reconcileEndedExecutions();
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    input.readAllBytes();
    Json.write(reconcile(), output);
  }
}
