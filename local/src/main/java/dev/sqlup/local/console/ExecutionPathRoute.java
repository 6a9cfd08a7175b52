package dev.sqlup.local.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.sqlup.local.asl.StepFunctions;
import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.asl.model.HistoryEvent;
import dev.sqlup.local.asl.model.StepFunctionsException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Read-only, local only: what the console's execution graph draws and the REST API does not carry —
 * the state machine's definition ({@code GET /local/state-machine}) and the states one task's
 * execution entered ({@code GET /local/executions/{taskId}}; the execution is named after the
 * task). A deployed stack has no such routes (the console then shows the steps without the graph);
 * the same data is Step Functions' DescribeStateMachine and GetExecutionHistory.
 */
public final class ExecutionPathRoute implements LocalRoute {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern EXECUTION = Pattern.compile("/local/executions/([a-z0-9-]{1,64})");

  private final StepFunctions engine;
  private final Map<String, String> stateMachines;
  private final List<String> order;

  /**
   * @param stateMachines the template's state machines, logical id → ARN (the first is the
   *     upgrade's)
   */
  public ExecutionPathRoute(StepFunctions engine, Map<String, String> stateMachines) {
    this.engine = engine;
    this.stateMachines = Map.copyOf(stateMachines);
    this.order = List.copyOf(stateMachines.keySet());
  }

  @Override
  public int handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (!path.startsWith("/local/")) {
      return -1;
    }
    if (!exchange.getRequestMethod().equals("GET")) {
      return send(exchange, 405, error("MethodNotAllowed", "only GET"));
    }
    if (path.equals("/local/state-machine")) {
      return stateMachine(exchange);
    }
    Matcher m = EXECUTION.matcher(path);
    if (m.matches()) {
      return execution(exchange, m.group(1));
    }
    return send(exchange, 404, error("NotFound", "no local route " + path));
  }

  private int stateMachine(HttpExchange exchange) throws IOException {
    if (order.isEmpty()) {
      return send(
          exchange, 404, error("StateMachineDoesNotExist", "the template has no state machine"));
    }
    String logicalId = order.get(0);
    var info = engine.describeStateMachine(stateMachines.get(logicalId));
    ObjectNode body = JSON.createObjectNode();
    body.put("logicalId", logicalId);
    body.put("name", info.name());
    body.put("stateMachineArn", info.stateMachineArn());
    body.set("definition", JSON.readTree(info.definition()));
    return send(exchange, 200, body);
  }

  private int execution(HttpExchange exchange, String taskId) throws IOException {
    for (String logicalId : order) {
      String arn =
          stateMachines.get(logicalId).replace(":stateMachine:", ":execution:") + ":" + taskId;
      ExecutionInfo info;
      List<HistoryEvent> history;
      try {
        info = engine.describeExecution(arn);
        history = engine.getExecutionHistory(arn);
      } catch (StepFunctionsException e) {
        continue;
      }
      return send(exchange, 200, path(info, history));
    }
    return send(exchange, 404, error("ExecutionDoesNotExist", "no execution named " + taskId));
  }

  /**
   * The states in the order they were entered, each with its outcome, and the transitions taken.
   */
  static ObjectNode path(ExecutionInfo info, List<HistoryEvent> history) {
    ObjectNode body = JSON.createObjectNode();
    body.put("executionArn", info.executionArn());
    body.put("status", info.status().name());
    body.put("startDate", info.startDate().toString());
    if (info.stopDate() != null) {
      body.put("stopDate", info.stopDate().toString());
    }
    ArrayNode states = body.putArray("states");
    ArrayNode transitions = body.putArray("transitions");
    List<ObjectNode> open = new ArrayList<>();
    String previous = null;
    for (HistoryEvent event : history) {
      String type = event.type();
      if (type.endsWith("StateEntered")) {
        String name = event.details().path("name").asText();
        ObjectNode state = states.addObject();
        state.put("name", name);
        state.put("enteredAt", event.timestamp().toString());
        state.put("status", "Running");
        open.add(state);
        if (previous != null) {
          transitions.addArray().add(previous).add(name);
        }
        previous = name;
      } else if (type.endsWith("StateExited")) {
        String name = event.details().path("name").asText();
        for (int i = open.size() - 1; i >= 0; i--) {
          if (open.get(i).path("name").asText().equals(name)) {
            ObjectNode state = open.remove(i);
            state.put("exitedAt", event.timestamp().toString());
            if (!state.path("status").asText().equals("Failed")) {
              state.put("status", "Succeeded");
            }
            break;
          }
        }
      } else if (type.endsWith("Failed") && !open.isEmpty() && !type.startsWith("Execution")) {
        // A task's error: a Catch may still move on, but this state did fail.
        open.get(open.size() - 1).put("status", "Failed");
      } else if (type.equals("ExecutionFailed")
          || type.equals("ExecutionTimedOut")
          || type.equals("ExecutionAborted")) {
        for (ObjectNode state : open) {
          state.put("status", "Failed");
        }
        open.clear();
      }
    }
    JsonNode current = null;
    if (info.stopDate() == null && !open.isEmpty()) {
      current = open.get(open.size() - 1).path("name");
    }
    if (current != null) {
      body.set("currentState", current);
    }
    return body;
  }

  private static ObjectNode error(String code, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("code", code);
    body.put("message", message);
    return body;
  }

  private static int send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
    return status;
  }
}
