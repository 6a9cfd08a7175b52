package dev.sqlup.local.asl.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.asl.model.ExecutionStatus;
import dev.sqlup.local.asl.model.StatesError;
import dev.sqlup.local.asl.model.StepFunctionsException;
import dev.sqlup.local.asl.model.TaskContext;
import java.util.concurrent.CompletableFuture;

/**
 * {@code arn:aws:states:::states:startExecution[.sync|.sync:2|.waitForTaskToken]} (developer guide
 * "Start a new AWS Step Functions state machine from a running execution"): Parameters/Arguments
 * {@code StateMachineArn}, {@code Input} (JSON or a string), {@code Name}. Request-response returns
 * {@code {ExecutionArn, StartDate}}; {@code .sync} waits for the child and returns its description
 * (Input/Output as strings), {@code .sync:2} the same with Input/Output as JSON; a child that does
 * not succeed fails the task with States.TaskFailed and the description as the cause.
 */
public record StartExecutionResource(String arn, Mode mode) implements TaskResource {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public enum Mode {
    REQUEST_RESPONSE,
    SYNC,
    SYNC_2,
    WAIT_FOR_TASK_TOKEN
  }

  @Override
  public String resourceType() {
    return "states";
  }

  @Override
  public String resourceName() {
    return switch (mode) {
      case REQUEST_RESPONSE -> "startExecution";
      case SYNC -> "startExecution.sync";
      case SYNC_2 -> "startExecution.sync:2";
      case WAIT_FOR_TASK_TOKEN -> "startExecution.waitForTaskToken";
    };
  }

  @Override
  public boolean waitForTaskToken() {
    return mode == Mode.WAIT_FOR_TASK_TOKEN;
  }

  /** Whether the task waits for the child execution to end ({@code .sync}, {@code .sync:2}). */
  @Override
  public boolean sync() {
    return mode == Mode.SYNC || mode == Mode.SYNC_2;
  }

  @Override
  public JsonNode call(JsonNode parameters, TaskServices services, TaskContext ctx) {
    JsonNode machine = parameters.get("StateMachineArn");
    if (machine == null || !machine.isTextual()) {
      throw new StatesError(
          "StepFunctions.ValidationException",
          "1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint:"
              + " Member must not be null");
    }
    JsonNode input = parameters.get("Input");
    String inputText =
        input == null ? "{}" : input.isTextual() ? input.textValue() : input.toString();
    JsonNode name = parameters.get("Name");
    ExecutionInfo started;
    try {
      started =
          services
              .executions()
              .start(machine.asText(), name == null ? null : name.asText(), inputText);
    } catch (StepFunctionsException e) {
      throw new StatesError("StepFunctions." + e.errorCode() + "Exception", e.getMessage());
    }
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.put("ExecutionArn", started.executionArn());
    result.put("StartDate", started.startDate().toEpochMilli());
    return result;
  }

  @Override
  public CompletableFuture<JsonNode> completion(JsonNode callResult, TaskServices services) {
    return services
        .executions()
        .completion(callResult.get("ExecutionArn").asText())
        .thenApply(this::outcome);
  }

  @Override
  public void cancel(JsonNode callResult, TaskServices services) {
    services.executions().stop(callResult.get("ExecutionArn").asText(), null, null);
  }

  private JsonNode outcome(ExecutionInfo done) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("ExecutionArn", done.executionArn());
    json(out, "Input", done.input());
    out.putObject("InputDetails").put("Included", true);
    out.put("Name", done.name());
    if (done.output() != null) {
      json(out, "Output", done.output());
      out.putObject("OutputDetails").put("Included", true);
    }
    out.put("StartDate", done.startDate().toEpochMilli());
    out.put("StateMachineArn", done.stateMachineArn());
    out.put("Status", done.status().name());
    if (done.stopDate() != null) {
      out.put("StopDate", done.stopDate().toEpochMilli());
    }
    if (done.status() != ExecutionStatus.SUCCEEDED) {
      if (done.error() != null) {
        out.put("Error", done.error());
      }
      if (done.cause() != null) {
        out.put("Cause", done.cause());
      }
      throw new StatesError("States.TaskFailed", out.toString());
    }
    return out;
  }

  private void json(ObjectNode out, String field, String text) {
    if (mode != Mode.SYNC_2) {
      out.put(field, text);
      return;
    }
    try {
      out.set(field, MAPPER.readTree(text));
    } catch (JsonProcessingException e) {
      out.put(field, text);
    }
  }
}
