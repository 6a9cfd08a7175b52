package dev.sqlup.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlup.local.asl.model.StatesError;
import dev.sqlup.local.asl.model.TaskContext;
import dev.sqlup.local.asl.model.TaskInvoker;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs the template's functions for the ASL engine: a Task's resource (a function ARN, or the
 * {@code FunctionName} of {@code lambda:invoke}) names a function by its ARN, name or logical id,
 * and the function runs in-process through {@link InProcessLambda}. A function error becomes the
 * StatesError Step Functions reports for a Java Lambda: error = the exception's class name, cause =
 * the error JSON.
 *
 * <p>The engine is built before the functions (they need its clock), and a durable engine resumes
 * executions as soon as it is built: invocations wait until {@link #bind} is called.
 */
public final class TemplateFunctionInvoker implements TaskInvoker {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> logicalIds = new HashMap<>();
  private final CountDownLatch bound = new CountDownLatch(1);
  private volatile InProcessLambda lambda;

  public TemplateFunctionInvoker(SamTemplate template) {
    for (SamFunction f : template.functions()) {
      logicalIds.put(f.logicalId(), f.logicalId());
      logicalIds.put(f.functionName(), f.logicalId());
      logicalIds.put(TemplateResolver.functionArn(f.functionName()), f.logicalId());
    }
  }

  public void bind(InProcessLambda lambda) {
    this.lambda = lambda;
    bound.countDown();
  }

  @Override
  public JsonNode invoke(String resourceArn, JsonNode payload, TaskContext ctx) {
    String logicalId = logicalIdOf(resourceArn);
    if (logicalId == null) {
      throw new StatesError(
          "Lambda.ResourceNotFoundException", "Function not found: " + resourceArn);
    }
    awaitBound();
    InvocationResult result = lambda.invoke(logicalId, payload.toString());
    JsonNode body = parse(result.payload());
    if (result.error()) {
      throw new StatesError(body.path("errorType").asText("Lambda.Unknown"), result.payload());
    }
    return body;
  }

  /**
   * The logical id of a function named by ARN (optionally with a version/alias qualifier), name or
   * id; null when the template has no such function.
   */
  public String logicalIdOf(String resource) {
    String id = logicalIds.get(resource);
    if (id == null && resource.startsWith("arn:aws:lambda:")) {
      String[] parts = resource.split(":");
      id = parts.length >= 7 ? logicalIds.get(parts[6]) : null;
    }
    return id;
  }

  private void awaitBound() {
    try {
      if (!bound.await(60, TimeUnit.SECONDS)) {
        throw new StatesError("Lambda.ServiceException", "the local functions did not start");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StatesError(
          "Lambda.ServiceException", "interrupted while the local functions started");
    }
  }

  private static JsonNode parse(String payload) {
    try {
      return payload == null || payload.isEmpty() ? JSON.nullNode() : JSON.readTree(payload);
    } catch (IOException e) {
      throw new StatesError(
          "Lambda.InvalidResponseException",
          "the function returned invalid JSON: " + e.getMessage());
    }
  }
}
