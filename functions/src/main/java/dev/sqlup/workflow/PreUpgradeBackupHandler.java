package dev.sqlup.workflow;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.sqlup.config.Services;
import dev.sqlup.config.SnapStartPriming;
import dev.sqlup.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The 15-minute schedule's function: full backups ahead of upgrades planned with the tag {@value
 * Sweeper#PLANNED_TAG} ({@link Sweeper#startPreUpgradeBackups}); the event body is not used. It has
 * no Step Functions client and no permission to read executions: that is the reconcile job's
 * ({@link SweeperHandler}).
 */
public final class PreUpgradeBackupHandler
    implements RequestStreamHandler, SnapStartPriming.Primed {
  /** This job never asks Step Functions: an execution lookup or start would be a wiring mistake. */
  private static final Executions NO_EXECUTIONS =
      taskId -> {
        throw new IllegalStateException("the pre-upgrade backup job does not read executions");
      };

  private static final dev.sqlup.config.UpgradeLauncher NO_LAUNCHES =
      (taskId, input) -> {
        throw new IllegalStateException("the pre-upgrade backup job does not start executions");
      };

  private final Sweeper sweeper;
  private final SnapStartPriming priming;

  /**
   * The Lambda runtime's constructor: clients are built at init and the read path primed for
   * SnapStart.
   */
  public PreUpgradeBackupHandler() {
    this(Services.fromEnvironment());
    priming.register();
  }

  public PreUpgradeBackupHandler(Services services) {
    this(services, WorkflowServices.workflow(services));
  }

  private PreUpgradeBackupHandler(Services services, Workflow workflow) {
    this.sweeper =
        new Sweeper(workflow, services.tasks(), services.instances(), NO_EXECUTIONS, NO_LAUNCHES);
    // What a pass reads first, none of it written: a page of instances, a data plane poll, the
    // report's JSON.
    this.priming =
        new SnapStartPriming(getClass().getSimpleName())
            .step("a page of instances", () -> services.instances().list(1, null))
            .step(
                "simulated data plane: poll of an unknown operation",
                () -> PhaseHandler.primeDataPlane(workflow))
            .step(
                "report JSON",
                () ->
                    Json.writeBytes(
                        new Sweeper.Report(
                            List.of(), List.of(SnapStartPriming.MISSING_ID + "/db"), List.of())));
  }

  /** This job's SnapStart priming (registered only by the Lambda runtime's constructor). */
  @Override
  public SnapStartPriming priming() {
    return priming;
  }

  public Sweeper.Report startBackups() {
    return sweeper.startPreUpgradeBackups();
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    input.readAllBytes();
    Json.write(startBackups(), output);
  }
}
