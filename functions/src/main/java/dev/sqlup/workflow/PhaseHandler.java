package dev.sqlup.workflow;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.sqlup.config.JsonLog;
import dev.sqlup.config.SnapStartPriming;
import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.dataplane.TransientDataPlaneException;
import dev.sqlup.domain.EngineBinding;
import dev.sqlup.domain.UpgradeRejected;
import dev.sqlup.json.Json;
import dev.sqlup.store.TaskNotFoundException;
import dev.sqlup.workflow.plan.CatchUpNotConvergingException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Base of every phase handler: JSON in and out as {@link UpgradeState}, and one place that turns
 * failures into the error names the state machine's Retry and Catch match on (Java Lambda reports
 * the thrown class's name as the error): {@link TransientEngineException}, {@link
 * ThrottledException}, {@link UpgradeFailedException}. Anything else keeps its own name and is
 * caught as States.ALL.
 */
public abstract class PhaseHandler implements RequestStreamHandler, SnapStartPriming.Primed {
  protected final Workflow workflow;
  private SnapStartPriming priming;

  protected PhaseHandler(Workflow workflow) {
    this.workflow = workflow;
  }

  /**
   * What the no-arg constructor (the Lambda runtime's) adds: the phase's priming, registered to run
   * before the SnapStart snapshot. The DynamoDB client and the repositories are already built at
   * init ({@link WorkflowServices#workflow}); the data plane is built on first use, as the
   * instance's binding chooses it.
   */
  protected final void initForLambda() {
    priming().register();
  }

  /**
   * This phase's SnapStart priming: the handler's whole stream path with a representative state
   * whose task does not exist (JSON in, one GetItem, the error the state machine would see), the
   * state's JSON round trip, and a poll of an unknown operation on the simulated data plane. None
   * of them writes.
   */
  @Override
  public final synchronized SnapStartPriming priming() {
    if (priming == null) {
      priming =
          new SnapStartPriming(getClass().getSimpleName())
              .step(
                  "state JSON in, task " + SnapStartPriming.MISSING_ID + " not found",
                  () -> {
                    byte[] state = primingState();
                    try {
                      handleRequest(
                          new ByteArrayInputStream(state), new ByteArrayOutputStream(), null);
                      throw new IllegalStateException("a task that does not exist was advanced");
                    } catch (TaskNotFoundException expected) {
                      // the path the first invocation takes, up to the store's answer
                    }
                    Json.writeBytes(Json.read(state, UpgradeState.class));
                  })
              .step(
                  "simulated data plane: poll of an unknown operation",
                  () -> primeDataPlane(workflow));
      addPrimingSteps(priming);
    }
    return priming;
  }

  /** Further read-only steps of this phase's first invocation. */
  protected void addPrimingSteps(SnapStartPriming priming) {}

  /**
   * A poll of an operation that was never started: one read of the fleet table, refused as unknown.
   */
  static void primeDataPlane(Workflow workflow) {
    if (!workflow.dataPlanes().accepts(EngineBinding.SIMULATED)) {
      return; // a sqlserver-only stack never builds the simulated plane
    }
    try {
      workflow
          .dataPlanes()
          .forBinding(EngineBinding.SIMULATED)
          .plane()
          .poll(OperationKey.of(SnapStartPriming.MISSING_ID, OperationKind.CREATE_TARGET));
      throw new IllegalStateException("an operation that was never started was found");
    } catch (PermanentDataPlaneException expected) {
      // UNKNOWN_OPERATION: the read path of every poll
    }
  }

  /** A representative execution payload (one database mid-upgrade, a target, a switch plan). */
  static byte[] primingState() throws IOException {
    try (InputStream in = PhaseHandler.class.getResourceAsStream("priming-state.json")) {
      if (in == null) {
        throw new IOException("resource dev/sqlup/workflow/priming-state.json is missing");
      }
      return in.readAllBytes();
    }
  }

  /** The phase's work on a typed state; what tests call. */
  public final UpgradeState handle(UpgradeState state) {
    if (state == null || state.taskId() == null || state.instanceId() == null) {
      throw new IllegalArgumentException("InvalidPayload: taskId and instanceId are required");
    }
    try {
      return run(state);
    } catch (TransientDataPlaneException e) {
      throw new TransientEngineException(e.getMessage(), e);
    } catch (PermanentDataPlaneException e) {
      throw new UpgradeFailedException("DataPlaneFailed", e.getMessage(), e);
    } catch (CatchUpNotConvergingException e) {
      throw new UpgradeFailedException("CatchUpNotConverging", e.getMessage(), e);
    } catch (UpgradeRejected e) {
      throw new UpgradeFailedException(e.code(), e.getMessage(), e);
    } catch (AwsServiceException e) {
      if (e.isThrottlingException()) {
        throw new ThrottledException(e.getMessage(), e);
      }
      if (e.statusCode() >= 500) {
        throw new TransientEngineException(e.getMessage(), e);
      }
      throw e;
    } catch (SdkClientException e) {
      throw new TransientEngineException(e.getMessage(), e);
    } catch (RuntimeException e) {
      if (e.getClass().getName().equals("dev.sqlup.store.StaleVersionException")) {
        throw new TransientEngineException(e.getMessage(), e);
      }
      throw e;
    }
  }

  protected abstract UpgradeState run(UpgradeState state);

  /**
   * The phase's name in log lines: the handler's class name without "Handler" (CatchUp, Switchover,
   * ...).
   */
  public final String phaseName() {
    String name = getClass().getSimpleName();
    return name.endsWith("Handler") ? name.substring(0, name.length() - "Handler".length()) : name;
  }

  @Override
  public final void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    UpgradeState state;
    try {
      state = Json.read(input.readAllBytes(), UpgradeState.class);
    } catch (Json.MalformedJson e) {
      throw new IllegalArgumentException("InvalidPayload: " + e.detail(), e);
    }
    JsonLog log =
        invocationLog(context, workflow)
            .with("taskId", state.taskId())
            .with("instanceId", state.instanceId())
            .with("phase", phaseName());
    long started = System.nanoTime();
    UpgradeState next;
    try {
      next = log.during(() -> handle(state));
    } catch (RuntimeException e) {
      // The error name is what the state machine's Retry/Catch match; the message carries the
      // stable code.
      log.error(
          "phase failed",
          Map.of(
              "error",
              e.getClass().getName(),
              "cause",
              String.valueOf(e.getMessage()),
              "durationMs",
              (System.nanoTime() - started) / 1_000_000));
      throw e;
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("done", next.done());
    fields.put("waitSeconds", next.waitSeconds());
    fields.put("outcome", next.outcome());
    fields.put("durationMs", (System.nanoTime() - started) / 1_000_000);
    log.info("phase advanced", fields);
    Json.write(next, output);
  }

  /**
   * A JSON line logger for one invocation: the Lambda context's logger (the function's log stream),
   * if any.
   */
  static JsonLog invocationLog(Context context, Workflow workflow) {
    LambdaLogger logger = context == null ? null : context.getLogger();
    if (logger == null) {
      return JsonLog.to(line -> {}, workflow.clock(), null);
    }
    return JsonLog.to(logger::log, workflow.clock(), workflow.metricsNamespace());
  }
}
