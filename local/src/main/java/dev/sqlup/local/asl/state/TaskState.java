package dev.sqlup.local.asl.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.asl.jsonata.JsonataTemplate;
import dev.sqlup.local.asl.jsonata.QueryEvaluationError;
import dev.sqlup.local.asl.model.LambdaErrors;
import dev.sqlup.local.asl.model.StatesError;
import dev.sqlup.local.asl.path.VariablePaths;
import dev.sqlup.local.asl.task.TaskResource;
import dev.sqlup.local.asl.task.TaskTokens;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Task (spec "Task State"): calls its resource with the effective input, bounded by TimeoutSeconds
 * (default 99999999) and, for {@code .waitForTaskToken}, HeartbeatSeconds between heartbeats.
 */
public final class TaskState extends State {
  static final long DEFAULT_TIMEOUT_SECONDS = 99_999_999L;

  private final TaskResource resource;
  private final Long timeoutSeconds;
  private final String timeoutSecondsPath;
  private final Long heartbeatSeconds;
  private final String heartbeatSecondsPath;
  private final JsonataTemplate timeoutExpression;
  private final JsonataTemplate heartbeatExpression;

  public TaskState(
      Common common,
      TaskResource resource,
      Long timeoutSeconds,
      String timeoutSecondsPath,
      Long heartbeatSeconds,
      String heartbeatSecondsPath) {
    this(
        common,
        resource,
        timeoutSeconds,
        timeoutSecondsPath,
        heartbeatSeconds,
        heartbeatSecondsPath,
        null,
        null);
  }

  /** The expressions are the JSONata {@code {% %}} forms of TimeoutSeconds and HeartbeatSeconds. */
  public TaskState(
      Common common,
      TaskResource resource,
      Long timeoutSeconds,
      String timeoutSecondsPath,
      Long heartbeatSeconds,
      String heartbeatSecondsPath,
      JsonataTemplate timeoutExpression,
      JsonataTemplate heartbeatExpression) {
    super(common);
    this.timeoutExpression = timeoutExpression;
    this.heartbeatExpression = heartbeatExpression;
    this.resource = resource;
    this.timeoutSeconds = timeoutSeconds;
    this.timeoutSecondsPath = timeoutSecondsPath;
    this.heartbeatSeconds = heartbeatSeconds;
    this.heartbeatSecondsPath = heartbeatSecondsPath;
  }

  public TaskResource resource() {
    return resource;
  }

  @Override
  public String type() {
    return "Task";
  }

  @Override
  protected void beforeAttempt(StateContext ctx) {
    ctx.setTaskToken(resource.waitForTaskToken() ? ctx.newTaskToken() : null);
  }

  @Override
  protected Outcome execute(StateContext ctx, JsonNode effectiveInput, JsonNode rawInput) {
    long timeout =
        timeoutExpression != null
            ? expressionSeconds(ctx, rawInput, "TimeoutSeconds", timeoutExpression)
            : seconds("TimeoutSecondsPath", timeoutSeconds, timeoutSecondsPath, rawInput, ctx);
    Long heartbeat =
        heartbeatExpression != null
            ? (Long) expressionSeconds(ctx, rawInput, "HeartbeatSeconds", heartbeatExpression)
            : heartbeatSeconds == null && heartbeatSecondsPath == null
                ? null
                : seconds(
                    "HeartbeatSecondsPath", heartbeatSeconds, heartbeatSecondsPath, rawInput, ctx);
    // Without an explicit timeout the 99999999 s default is no timer: under virtual time a callback
    // nobody has answered yet must not time out just because everything else is idle.
    boolean explicitTimeout =
        timeoutSeconds != null || timeoutSecondsPath != null || timeoutExpression != null;
    Instant deadline = explicitTimeout ? ctx.now().plusSeconds(timeout) : null;
    scheduled(ctx, effectiveInput, timeout, heartbeat);
    String token = ctx.taskToken();
    TaskTokens.Wait tokenWait = token == null ? null : ctx.tokens().register(token, ctx.now());
    try {
      ctx.event(
          legacy() ? "LambdaFunctionStarted" : "TaskStarted", startedField(), startedDetails());
      CompletableFuture<JsonNode> call =
          ctx.callAsync(() -> resource.call(effectiveInput, ctx.services(), ctx.taskContext()));
      // Heartbeats count from TaskStarted, also while the resource call itself is still running.
      awaitWithin(ctx, call, tokenWait, deadline, heartbeat, timeout);
      JsonNode result = resultOf(ctx, call);
      if (resource.sync()) {
        ctx.event("TaskSubmitted", "taskSubmittedEventDetails", withOutput(details(), result));
        CompletableFuture<JsonNode> job = resource.completion(result, ctx.services());
        try {
          awaitWithin(ctx, job, null, deadline, heartbeat, timeout);
        } finally {
          if (!job.isDone()) { // timed out or stopped: AWS stops the job it started
            resource.cancel(result, ctx.services());
          }
        }
        result = resultOf(ctx, job);
      }
      if (tokenWait != null) {
        ctx.event("TaskSubmitted", "taskSubmittedEventDetails", withOutput(details(), result));
        awaitWithin(ctx, tokenWait.result(), tokenWait, deadline, heartbeat, timeout);
        result = resultOf(ctx, tokenWait.result());
      }
      ctx.event(
          legacy() ? "LambdaFunctionSucceeded" : "TaskSucceeded",
          legacy() ? "lambdaFunctionSucceededEventDetails" : "taskSucceededEventDetails",
          withOutput(legacy() ? JsonNodeFactory.instance.objectNode() : details(), result));
      return Outcome.of(result);
    } finally {
      if (token != null) {
        ctx.tokens().remove(token);
      }
    }
  }

  private void awaitWithin(
      StateContext ctx,
      CompletableFuture<JsonNode> future,
      TaskTokens.Wait wait,
      Instant deadline,
      Long heartbeat,
      long timeout) {
    while (true) {
      Instant heartbeatDeadline =
          heartbeat == null || wait == null ? null : wait.lastHeartbeat().plusSeconds(heartbeat);
      Instant until =
          heartbeatDeadline != null && (deadline == null || heartbeatDeadline.isBefore(deadline))
              ? heartbeatDeadline
              : deadline;
      if (wait == null ? ctx.await(future, until) : ctx.awaitCallback(future, until)) {
        return;
      }
      Instant now = ctx.now();
      if (deadline != null && !now.isBefore(deadline)) {
        throw timedOut(ctx, "States.Timeout", "The task timed out after " + timeout + " seconds.");
      }
      if (heartbeatDeadline != null && !now.isBefore(wait.lastHeartbeat().plusSeconds(heartbeat))) {
        throw timedOut(
            ctx,
            "States.HeartbeatTimeout",
            "No heartbeat was received within " + heartbeat + " seconds.");
      }
    }
  }

  private JsonNode resultOf(StateContext ctx, CompletableFuture<JsonNode> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      StatesError error = cause instanceof StatesError se ? se : LambdaErrors.fromException(cause);
      ObjectNode details = legacy() ? JsonNodeFactory.instance.objectNode() : details();
      details.put("error", error.error());
      details.put("cause", error.causeText());
      ctx.event(
          legacy() ? "LambdaFunctionFailed" : "TaskFailed",
          legacy() ? "lambdaFunctionFailedEventDetails" : "taskFailedEventDetails",
          details);
      throw error;
    }
  }

  private StatesError timedOut(StateContext ctx, String error, String cause) {
    ObjectNode details = legacy() ? JsonNodeFactory.instance.objectNode() : details();
    details.put("error", error);
    details.put("cause", cause);
    ctx.event(
        legacy() ? "LambdaFunctionTimedOut" : "TaskTimedOut",
        legacy() ? "lambdaFunctionTimedOutEventDetails" : "taskTimedOutEventDetails",
        details);
    return new StatesError(error, cause);
  }

  private void scheduled(StateContext ctx, JsonNode input, long timeout, Long heartbeat) {
    if (legacy()) {
      ObjectNode details = JsonNodeFactory.instance.objectNode();
      details.put("resource", resource.arn());
      details.put("input", input.toString());
      details.putObject("inputDetails").put("truncated", false);
      if (timeoutSeconds != null || timeoutSecondsPath != null || timeoutExpression != null) {
        details.put("timeoutInSeconds", timeout);
      }
      ctx.event("LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", details);
      return;
    }
    ObjectNode details = details();
    details.put("region", ctx.region());
    details.put("parameters", input.toString());
    if (timeoutSeconds != null || timeoutSecondsPath != null || timeoutExpression != null) {
      details.put("timeoutInSeconds", timeout);
    }
    if (heartbeat != null) {
      details.put("heartbeatInSeconds", heartbeat);
    }
    ctx.event("TaskScheduled", "taskScheduledEventDetails", details);
  }

  private boolean legacy() {
    return resource.legacyLambda();
  }

  private String startedField() {
    return legacy() ? null : "taskStartedEventDetails";
  }

  private ObjectNode startedDetails() {
    return legacy() ? null : details();
  }

  private ObjectNode details() {
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.put("resourceType", resource.resourceType());
    details.put("resource", resource.resourceName());
    return details;
  }

  private static ObjectNode withOutput(ObjectNode details, JsonNode output) {
    details.put("output", output.toString());
    details.putObject("outputDetails").put("truncated", false);
    return details;
  }

  private long expressionSeconds(
      StateContext ctx, JsonNode rawInput, String field, JsonataTemplate expression) {
    JsonNode value = expression.evaluate(scope(ctx, rawInput));
    if (!value.isIntegralNumber()
        || value.asLong() <= 0
        || value.asLong() > DEFAULT_TIMEOUT_SECONDS) {
      throw new QueryEvaluationError(
          field,
          "The value of the field '"
              + field
              + "' must be an integer between 1 and 99999999, but was '"
              + value
              + "'");
    }
    return value.asLong();
  }

  private static long seconds(
      String field, Long fixed, String path, JsonNode input, StateContext ctx) {
    if (path == null) {
      return fixed == null ? DEFAULT_TIMEOUT_SECONDS : fixed;
    }
    JsonNode value = VariablePaths.read(field, path, input, ctx::contextObject, ctx.variables());
    if (!value.isIntegralNumber() || value.asLong() <= 0) {
      throw new StatesError(
          "States.Runtime",
          "The value at "
              + field
              + " '"
              + path
              + "' must be a positive integer, but was '"
              + value
              + "'");
    }
    return value.asLong();
  }
}
