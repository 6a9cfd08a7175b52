package dev.sqlup.local.asl.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.TaskContext;

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
}
