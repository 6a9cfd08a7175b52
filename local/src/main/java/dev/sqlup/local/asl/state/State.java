package dev.sqlup.local.asl.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.asl.StatesError;
import dev.sqlup.local.asl.definition.Catcher;
import dev.sqlup.local.asl.definition.ErrorEquals;
import dev.sqlup.local.asl.definition.ErrorHandling;
import dev.sqlup.local.asl.definition.InputPath;
import dev.sqlup.local.asl.definition.OutputPath;
import dev.sqlup.local.asl.definition.Parameters;
import dev.sqlup.local.asl.definition.ResultPath;
import dev.sqlup.local.asl.definition.ResultSelector;
import dev.sqlup.local.asl.runtime.StateContext;
import java.time.Duration;

/**
 * One state of a definition, built and validated once. {@link #run} is the one template every state
 * follows (record entered, input processing, execute, output processing, next, record exited), with
 * Retry and Catch handled here and nowhere else.
 */
public abstract class State {
  /** Spec "Data flow": 256 KiB is the most a state may pass on (developer guide "Quotas"). */
  public static final int MAX_PAYLOAD_BYTES = 256 * 1024;

  protected final String name;
  protected final String next;
  protected final boolean end;
  protected final InputPath inputPath;
  protected final Parameters parameters;
  protected final ResultSelector resultSelector;
  protected final ResultPath resultPath;
  protected final OutputPath outputPath;
  protected final ErrorHandling errors;

  protected State(Common common) {
    this.name = common.name();
    this.next = common.next();
    this.end = common.end();
    this.inputPath = common.inputPath();
    this.parameters = common.parameters();
    this.resultSelector = common.resultSelector();
    this.resultPath = common.resultPath();
    this.outputPath = common.outputPath();
    this.errors = common.errors();
  }

  /** The fields every state type shares; absent ones have their spec defaults (or null = not allowed). */
  public record Common(
      String name,
      String next,
      boolean end,
      InputPath inputPath,
      Parameters parameters,
      ResultSelector resultSelector,
      ResultPath resultPath,
      OutputPath outputPath,
      ErrorHandling errors) {}

  /** AWS's type name, used for history event types ({@code Task} → TaskStateEntered). */
  public abstract String type();

  public String name() {
    return name;
  }

  public String next() {
    return next;
  }

  public boolean isEnd() {
    return end;
  }

  public ErrorHandling errors() {
    return errors;
  }

  /** The state's own work on the effective input (after InputPath and Parameters). */
  protected abstract Outcome execute(StateContext ctx, JsonNode effectiveInput, JsonNode rawInput);

  /** Called before each attempt's input processing (Task creates its task token here). */
  protected void beforeAttempt(StateContext ctx) {}

  protected boolean recordsExit() {
    return true;
  }

  public final StepResult run(StateContext ctx, JsonNode rawInput) {
    ctx.enterState(this, rawInput);
    JsonNode output;
    String chosen;
    try {
      Outcome outcome = attemptWithRetries(ctx, rawInput);
      output = outcome.result();
      chosen = outcome.next() != null ? outcome.next() : next;
    } catch (StatesError error) {
      Catcher catcher = errors.catcherFor(error.error());
      if (catcher == null) {
        throw error;
      }
      output = catcher.resultPath().apply(rawInput, errorOutput(error));
      chosen = catcher.next();
    }
    checkSize(output, "output");
    if (recordsExit()) {
      ctx.exitState(this, output);
    }
    return new StepResult(chosen, output);
  }

  private Outcome attemptWithRetries(StateContext ctx, JsonNode rawInput) {
    int[] retriesDone = new int[errors.retriers().size()];
    int retryCount = 0;
    while (true) {
      try {
        ctx.setRetryCount(retryCount);
        return attempt(ctx, rawInput);
      } catch (StatesError error) {
        int index = errors.retrierFor(error.error());
        if (index < 0 || retriesDone[index] >= errors.retriers().get(index).maxAttempts()) {
          throw error;
        }
        Duration delay = errors.retriers().get(index).delay(retriesDone[index], ctx.random());
        retriesDone[index]++;
        retryCount++;
        ctx.sleep(delay);
      }
    }
  }

  private Outcome attempt(StateContext ctx, JsonNode rawInput) {
    beforeAttempt(ctx);
    JsonNode effective = inputPath.apply(rawInput);
    if (parameters != null) {
      effective = parameters.apply(effective, ctx.contextObject(), ctx.random());
      checkSize(effective, "input");
    }
    Outcome outcome = execute(ctx, effective, rawInput);
    JsonNode result = outcome.result();
    if (resultSelector != null) {
      result = resultSelector.apply(result, ctx.contextObject(), ctx.random());
    }
    JsonNode combined = resultPath.apply(rawInput, result);
    return new Outcome(outputPath.apply(combined), outcome.next());
  }

  private void checkSize(JsonNode payload, String what) {
    if (payload.toString().length() > MAX_PAYLOAD_BYTES) {
      throw new StatesError(
          "States.DataLimitExceeded",
          "The state/task '" + name + "' returned a result with a size exceeding the maximum number"
              + " of bytes service limit (" + what + ").");
    }
  }

  static ObjectNode errorOutput(StatesError error) {
    ObjectNode output = JsonNodeFactory.instance.objectNode();
    output.put("Error", error.error());
    output.put("Cause", error.causeText());
    return output;
  }

  /** Whether an uncaught error of this name ends the execution without Retry/Catch seeing it. */
  public static boolean isTerminal(String error) {
    return ErrorEquals.isTerminal(error);
  }
}
