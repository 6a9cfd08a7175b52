package dev.sqlup.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.jsonata.JsonataTemplate;
import dev.sqlup.local.asl.state.State;
import dev.sqlup.local.asl.state.TaskState;
import dev.sqlup.local.asl.task.TaskResource;

/** A Task state: its resource (resolved by {@link TaskResources}), timeouts and heartbeats. */
final class TaskStateParser {
  private final FieldReader fields;
  private final Problems problems;
  private final TaskResources resources;

  TaskStateParser(FieldReader fields, TaskResources resources) {
    this.fields = fields;
    this.problems = fields.problems;
    this.resources = resources;
  }

  TaskState task(State.Common common, JsonNode node, String at) {
    String resourceArn = fields.text(node, "Resource", at);
    TaskResource resource = null;
    if (resourceArn == null) {
      problems.schema("These fields are required: [Resource]", at);
    } else {
      try {
        resource = resources.resolve(resourceArn);
      } catch (IllegalArgumentException e) {
        problems.schema(e.getMessage(), at + "/Resource");
      }
    }
    if (node.has("TimeoutSeconds") && node.has("TimeoutSecondsPath")) {
      problems.schema("Only one of TimeoutSeconds and TimeoutSecondsPath may be set", at);
    }
    if (node.has("HeartbeatSeconds") && node.has("HeartbeatSecondsPath")) {
      problems.schema("Only one of HeartbeatSeconds and HeartbeatSecondsPath may be set", at);
    }
    Long timeout =
        node.has("TimeoutSeconds")
            ? (long)
                fields.positiveInt(
                    node.get("TimeoutSeconds"), "TimeoutSeconds", at + "/TimeoutSeconds", 1)
            : null;
    Long heartbeat =
        node.has("HeartbeatSeconds")
            ? (long)
                fields.positiveInt(
                    node.get("HeartbeatSeconds"), "HeartbeatSeconds", at + "/HeartbeatSeconds", 1)
            : null;
    if (timeout != null && heartbeat != null && heartbeat >= timeout) {
      problems.schema(
          "HeartbeatSeconds must be smaller than TimeoutSeconds", at + "/HeartbeatSeconds");
    }
    return new TaskState(
        common,
        resource,
        timeout,
        fields.referencePath(node, "TimeoutSecondsPath", at),
        heartbeat,
        fields.referencePath(node, "HeartbeatSecondsPath", at));
  }

  TaskState jsonataTask(State.Common common, JsonNode node, String at) {
    TaskResource resource = resource(node, at);
    JsonataTemplate timeout = fields.integerOrExpression(node, "TimeoutSeconds", at, 1);
    JsonataTemplate heartbeat = fields.integerOrExpression(node, "HeartbeatSeconds", at, 1);
    JsonNode t = node.get("TimeoutSeconds");
    JsonNode h = node.get("HeartbeatSeconds");
    if (t != null
        && h != null
        && t.isIntegralNumber()
        && h.isIntegralNumber()
        && h.asLong() >= t.asLong()) {
      problems.schema(
          "HeartbeatSeconds must be smaller than TimeoutSeconds", at + "/HeartbeatSeconds");
    }
    return new TaskState(common, resource, null, null, null, null, timeout, heartbeat);
  }

  TaskResource resource(JsonNode node, String at) {
    String resourceArn = fields.text(node, "Resource", at);
    if (resourceArn == null) {
      problems.schema("These fields are required: [Resource]", at);
      return null;
    }
    try {
      return resources.resolve(resourceArn);
    } catch (IllegalArgumentException e) {
      problems.schema(e.getMessage(), at + "/Resource");
      return null;
    }
  }
}
