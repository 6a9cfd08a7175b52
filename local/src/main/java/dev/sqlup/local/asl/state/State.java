package dev.sqlup.local.asl.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.asl.jsonata.JsonataScope;
import dev.sqlup.local.asl.jsonata.JsonataTemplate;
import dev.sqlup.local.asl.model.StatesError;
import dev.sqlup.local.asl.state.fields.Assign;
import dev.sqlup.local.asl.state.fields.Catcher;
import dev.sqlup.local.asl.state.fields.ErrorEquals;
import dev.sqlup.local.asl.state.fields.ErrorHandling;
import dev.sqlup.local.asl.state.fields.InputPath;
import dev.sqlup.local.asl.state.fields.OutputPath;
import dev.sqlup.local.asl.state.fields.Parameters;
import dev.sqlup.local.asl.state.fields.ResultPath;
import dev.sqlup.local.asl.state.fields.ResultSelector;
import java.time.Duration;
import java.util.Map;

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
  private final boolean usesContext;

  /**
   * QueryLanguage JSONata: Arguments/Output/Assign with {@code $states} instead of the five paths.
   */
  protected final boolean jsonata;

  private final JsonataTemplate arguments;
  private final JsonataTemplate output;
  private final Assign assign;

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
    this.usesContext = common.usesContext();
    this.jsonata = common.jsonata();
    this.arguments = common.arguments();
    this.output = common.output();
    this.assign = common.assign();
  }

  /**
   * The fields every state type shares; absent ones have their spec defaults (or null = not
   * allowed). {@code usesContext} is false only when nothing in the state can read the context
   * object ({@code $$}).
   */
  public record Common(
      String name,
      String next,
      boolean end,
      InputPath inputPath,
      Parameters parameters,
      ResultSelector resultSelector,
      ResultPath resultPath,
      OutputPath outputPath,
      ErrorHandling errors,
      boolean usesContext,
      boolean jsonata,
      JsonataTemplate arguments,
      JsonataTemplate output,
      Assign assign) {
    /** A JSONPath state without Assign. */
    public Common(
        String name,
        String next,
        boolean end,
        InputPath inputPath,
        Parameters parameters,
        ResultSelector resultSelector,
        ResultPath resultPath,
        OutputPath outputPath,
        ErrorHandling errors,
        boolean usesContext) {
      this(
          name,
          next,
          end,
          inputPath,
          parameters,
          resultSelector,
          resultPath,
          outputPath,
          errors,
          usesContext,
          false,
          null,
          null,
          null);
    }

    public Common withoutParameters() {
      return new Common(
          name,
          next,
          end,
          inputPath,
          null,
          resultSelector,
          resultPath,
          outputPath,
          errors,
          usesContext,
          jsonata,
          arguments,
          output,
          assign);
    }
  }

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
    JsonNode stateOutput;
    String chosen;
    Map<String, JsonNode> assigned;
    try {
      Outcome outcome = attemptWithRetries(ctx, rawInput);
      stateOutput = outcome.result();
      chosen = outcome.next() != null ? outcome.next() : next;
      assigned = outcome.assigned();
    } catch (StatesError error) {
      Catcher catcher = errors.catcherFor(error.error());
      if (catcher == null) {
        throw error;
      }
      JsonNode errorOutput = errorOutput(error);
      if (jsonata) {
        JsonataScope scope = scope(ctx, rawInput).withErrorOutput(errorOutput);
        assigned = catcher.assign() == null ? null : catcher.assign().evaluate(scope);
        stateOutput = catcher.output() == null ? errorOutput : catcher.output().evaluate(scope);
      } else {
        assigned =
            catcher.assign() == null
                ? null
                : catcher
                    .assign()
                    .evaluate(errorOutput, context(ctx), ctx.variables(), ctx.random());
        stateOutput = catcher.resultPath().apply(rawInput, errorOutput);
      }
      chosen = catcher.next();
    }
    return exit(ctx, stateOutput, chosen, assigned);
  }

  /**
   * The JSONata scope of this state's input: {@code $states.input}, {@code .context}, variables.
   */
  protected final JsonataScope scope(StateContext ctx, JsonNode rawInput) {
    return new JsonataScope(
        rawInput, ctx::contextObject, null, null, ctx.variables(), ctx.random());
  }

  /**
   * The end of the template: variables committed (they are visible from the next state on), size
   * check, StateExited, the step's result.
   */
  final StepResult exit(
      StateContext ctx, JsonNode output, String chosen, Map<String, JsonNode> assigned) {
    ctx.variables().assign(name, assigned);
    // serialised once: for the size check and for the StateExited event (and the next StateEntered)
    String outputText = JsonText.of(output);
    checkSize(outputText, "output");
    if (recordsExit()) {
      ctx.exitState(this, output, outputText, assigned);
    }
    return new StepResult(chosen, output);
  }

  private Outcome attemptWithRetries(StateContext ctx, JsonNode rawInput) {
    int[] retriesDone = null; // most attempts succeed: counted from the first retry on
    int retryCount = 0;
    while (true) {
      try {
        ctx.setRetryCount(retryCount);
        return attempt(ctx, rawInput);
      } catch (StatesError error) {
        int index = errors.retrierFor(error.error());
        if (index >= 0 && retriesDone == null) {
          retriesDone = new int[errors.retriers().size()];
        }
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
    try {
      JsonNode effective = effectiveInput(ctx, rawInput);
      return processResult(ctx, rawInput, execute(ctx, effective, rawInput));
    } catch (StatesError error) {
      if (jsonata
          && error instanceof dev.sqlup.local.asl.jsonata.QueryEvaluationError q
          && q.markRecorded()) {
        evaluationFailed(ctx, q);
      }
      throw located(ctx, error);
    }
  }

  /**
   * AWS prefixes the cause of a States.Runtime error a state raises with where it happened: {@code
   * An error occurred while executing the state 'P' (entered at the event id #2). The JSONPath ...}
   * (as recorded in AWS's own workshop and re:Post answers; the developer guide does not quote it).
   * An error that already carries the prefix (from a state inside a Parallel or Map) is passed on
   * unchanged.
   */
  final StatesError located(StateContext ctx, StatesError error) {
    if (!"States.Runtime".equals(error.error())
        || error.getClass() != StatesError.class
        || (error.causeText() != null && error.causeText().startsWith(RUNTIME_PREFIX))) {
      return error;
    }
    return new StatesError(
        "States.Runtime",
        RUNTIME_PREFIX
            + "'"
            + name
            + "' (entered at the event id #"
            + ctx.enteredEventId()
            + "). "
            + error.causeText());
  }

  private static final String RUNTIME_PREFIX = "An error occurred while executing the state ";

  /**
   * API reference "EvaluationFailedEventDetails": a JSONata state records the failed evaluation.
   */
  private void evaluationFailed(
      StateContext ctx, dev.sqlup.local.asl.jsonata.QueryEvaluationError error) {
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.put("state", name);
    details.put("error", error.error());
    details.put("cause", error.causeText());
    details.put("location", error.location());
    ctx.event("EvaluationFailed", "evaluationFailedEventDetails", details);
  }

  /** Input processing: InputPath, then Parameters (JSONata: Arguments, default the raw input). */
  final JsonNode effectiveInput(StateContext ctx, JsonNode rawInput) {
    if (jsonata) {
      if (arguments == null) {
        return rawInput;
      }
      JsonNode effective = arguments.evaluate(scope(ctx, rawInput));
      if (PayloadSize.exceeds(effective, MAX_PAYLOAD_BYTES)) {
        throw dataLimitExceeded("input");
      }
      return effective;
    }
    JsonNode effective = inputPath.apply(rawInput, ctx::contextObject);
    if (parameters != null) {
      effective = parameters.apply(effective, context(ctx), ctx.variables(), ctx.random());
      if (PayloadSize.exceeds(effective, MAX_PAYLOAD_BYTES)) {
        throw dataLimitExceeded("input");
      }
    }
    return effective;
  }

  /**
   * Output processing. JSONPath: ResultSelector, Assign (against the selected result), ResultPath,
   * OutputPath. JSONata: Assign and Output, both against {@code $states.result} and the variables
   * as they were when the state was entered (developer guide "Passing data between states with
   * variables", evaluation order); Output defaults to the result.
   */
  final Outcome processResult(StateContext ctx, JsonNode rawInput, Outcome outcome) {
    JsonNode result = outcome.result();
    Assign assignment = outcome.ruleAssign() != null ? outcome.ruleAssign() : assign;
    if (jsonata) {
      JsonataScope scope = scope(ctx, rawInput).withResult(result);
      Map<String, JsonNode> assigned = assignment == null ? null : assignment.evaluate(scope);
      JsonataTemplate shape = outcome.ruleOutput() != null ? outcome.ruleOutput() : output;
      JsonNode out = shape == null ? result : shape.evaluate(scope);
      return new Outcome(out, outcome.next(), null, null, assigned);
    }
    if (resultSelector != null) {
      result = resultSelector.apply(result, context(ctx), ctx.variables(), ctx.random());
    }
    Map<String, JsonNode> assigned =
        assignment == null
            ? null
            : assignment.evaluate(result, context(ctx), ctx.variables(), ctx.random());
    JsonNode combined = resultPath.apply(rawInput, result);
    return new Outcome(
        outputPath.apply(combined, ctx::contextObject), outcome.next(), null, null, assigned);
  }

  /** The context object ({@code $$}) for a state that may read it, else null (not built). */
  protected final JsonNode context(StateContext ctx) {
    return usesContext ? ctx.contextObject() : null;
  }

  private void checkSize(String payload, String what) {
    if (payload.length() > MAX_PAYLOAD_BYTES) {
      throw dataLimitExceeded(what);
    }
  }

  private StatesError dataLimitExceeded(String what) {
    return new StatesError(
        "States.DataLimitExceeded",
        "The state/task '"
            + name
            + "' returned a result with a size exceeding the maximum number"
            + " of bytes service limit ("
            + what
            + ").");
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
