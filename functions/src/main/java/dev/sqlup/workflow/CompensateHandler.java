package dev.sqlup.workflow;

import dev.sqlup.json.Json;
import dev.sqlup.workflow.plan.DatabaseProgress;
import java.util.Map;

/**
 * The Catch target of every phase: applies the failure policy ({@link Compensation}) with the
 * reason the caught error gives, and tells the machine whether it rolled back ({@code outcome:
 * RolledBack}, the execution fails) or forward ({@code RolledForward}, the upgrade succeeded after
 * all).
 */
public final class CompensateHandler extends PhaseHandler {
  public CompensateHandler() {
    this(dev.sqlup.config.Services.fromEnvironment());
    initForLambda();
  }

  public CompensateHandler(dev.sqlup.config.Services services) {
    this(WorkflowServices.workflow(services));
  }

  CompensateHandler(Workflow workflow) {
    super(workflow);
  }

  @Override
  protected UpgradeState run(UpgradeState state) {
    String reason = reason(state.error());
    Compensation.Outcome outcome =
        new Compensation(workflow)
            .run(
                state.taskId(),
                reason,
                state.databases().stream().map(DatabaseProgress::name).toList(),
                state.target());
    return state.withOutcome(outcome.name(), reason);
  }

  /**
   * The failure reason from a Catch's {@code {"Error", "Cause"}}: for a Lambda error the Cause is
   * the function's error JSON, whose errorMessage starts with the stable code (e.g. {@code
   * DataLoss: ...}).
   */
  static String reason(Map<String, Object> error) {
    if (error == null) {
      return "UpgradeFailed: unknown error";
    }
    String name = error.get("Error") instanceof String s ? s : "States.Runtime";
    String cause = error.get("Cause") instanceof String s ? s : "";
    try {
      if (Json.readTree(cause.getBytes(java.nio.charset.StandardCharsets.UTF_8))
              instanceof Map<?, ?> parsed
          && parsed.get("errorMessage") != null) {
        cause = String.valueOf(parsed.get("errorMessage"));
      }
    } catch (Json.MalformedJson notJson) {
      // A plain-text cause (States.Timeout, States.TaskFailed) is used as it is.
    }
    if (name.startsWith("dev.sqlup.workflow.UpgradeFailedException")) {
      return cause;
    }
    String simple = name.substring(name.lastIndexOf('.') + 1);
    return simple + ": " + cause;
  }
}
