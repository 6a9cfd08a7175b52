package dev.sqlup.local.asl.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.model.TaskContext;
import java.util.concurrent.CompletableFuture;

/** A Task's Resource, resolved once when the definition is loaded. */
public interface TaskResource {
  /** The ARN as written in the definition. */
  String arn();

  /** History's resourceType ("lambda", "dynamodb", "events"). */
  String resourceType();

  /** History's resource ("invoke", "putItem", "putEvents.waitForTaskToken", ...). */
  String resourceName();

  /** The function-ARN form, which records LambdaFunction* events instead of Task* events. */
  default boolean legacyLambda() {
    return false;
  }

  default boolean waitForTaskToken() {
    return false;
  }

  JsonNode call(JsonNode payload, TaskServices services, TaskContext ctx);

  /** The {@code .sync} pattern: after {@link #call} the task waits for {@link #completion}. */
  default boolean sync() {
    return false;
  }

  /**
   * For {@code .sync}: the job's result, or a StatesError, once the job {@link #call} started ends.
   */
  default CompletableFuture<JsonNode> completion(JsonNode callResult, TaskServices services) {
    throw new UnsupportedOperationException(arn() + " has no .sync pattern");
  }

  /**
   * For {@code .sync}: stops the job when the task ends without it (timeout, execution stopped).
   */
  default void cancel(JsonNode callResult, TaskServices services) {}
}
