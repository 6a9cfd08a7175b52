package dev.sqlup.local.asl.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.asl.StepFunctions;
import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.asl.model.ExecutionStatus;
import dev.sqlup.local.asl.model.HistoryEvent;
import dev.sqlup.local.asl.model.StateMachineInfo;
import dev.sqlup.local.asl.model.ValidationDiagnostic;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The operations of the AWS Step Functions API as JSON in, JSON out, over a {@link StepFunctions}:
 * request and response members as the API reference names them, timestamps as epoch seconds. No
 * HTTP here; {@link StepFunctionsHttpServer} carries it.
 */
final class StepFunctionsApi {
  static final int DEFAULT_PAGE = 100;
  static final int MAX_PAGE = 1000;
  private static final Set<String> MACHINE_TYPES = Set.of("STANDARD", "EXPRESS");
  private static final Set<String> STATUSES =
      Arrays.stream(ExecutionStatus.values()).map(Enum::name).collect(Collectors.toSet());
  private static final Set<String> SEVERITIES = Set.of("ERROR", "WARNING");

  private final StepFunctions engine;
  private final Clock clock;
  private final ObjectMapper json;
  private final Map<String, Function<JsonRequest, ObjectNode>> operations;

  StepFunctionsApi(StepFunctions engine, Clock clock, ObjectMapper json) {
    this.engine = engine;
    this.clock = clock;
    this.json = json;
    MapRunOperations mapRuns = new MapRunOperations(engine, json);
    this.operations =
        Map.ofEntries(
            Map.entry("CreateStateMachine", this::createStateMachine),
            Map.entry("UpdateStateMachine", this::updateStateMachine),
            Map.entry("DescribeStateMachine", this::describeStateMachine),
            Map.entry("ListStateMachines", this::listStateMachines),
            Map.entry("DeleteStateMachine", this::deleteStateMachine),
            Map.entry("StartExecution", this::startExecution),
            Map.entry("StopExecution", this::stopExecution),
            Map.entry("DescribeExecution", this::describeExecution),
            Map.entry("ListExecutions", this::listExecutions),
            Map.entry("GetExecutionHistory", this::getExecutionHistory),
            Map.entry("SendTaskSuccess", this::sendTaskSuccess),
            Map.entry("SendTaskFailure", this::sendTaskFailure),
            Map.entry("SendTaskHeartbeat", this::sendTaskHeartbeat),
            Map.entry("ValidateStateMachineDefinition", this::validateStateMachineDefinition),
            Map.entry("ListMapRuns", mapRuns::listMapRuns),
            Map.entry("DescribeMapRun", mapRuns::describeMapRun),
            Map.entry("UpdateMapRun", mapRuns::updateMapRun));
  }

  /** The operation names this API answers, for docs and the unknown-operation check. */
  Set<String> operationNames() {
    return operations.keySet();
  }

  /** Runs {@code operation}; throws {@link ApiError} or the engine's StepFunctionsException. */
  ObjectNode call(String operation, ObjectNode body) {
    Function<JsonRequest, ObjectNode> handler =
        operation == null ? null : operations.get(operation);
    if (handler == null) {
      throw new ApiError(400, "UnknownOperationException", "Unknown operation: " + operation);
    }
    return handler.apply(new JsonRequest(body));
  }

  private ObjectNode createStateMachine(JsonRequest request) {
    String name = request.requiredString("name");
    String definition = request.requiredString("definition");
    String roleArn = request.requiredString("roleArn");
    String type = request.optionalEnum("type", MACHINE_TYPES);
    StateMachineInfo created =
        engine.createStateMachine(name, definition, roleArn, type == null ? "STANDARD" : type);
    ObjectNode out = json.createObjectNode();
    out.put("stateMachineArn", created.stateMachineArn());
    out.put("creationDate", epochSeconds(created.creationDate()));
    return out;
  }

  private ObjectNode updateStateMachine(JsonRequest request) {
    String arn = request.requiredString("stateMachineArn");
    String definition = request.optionalString("definition");
    String roleArn = request.optionalString("roleArn");
    if (definition == null && roleArn == null) {
      throw new ApiError(
          400,
          "MissingRequiredParameter",
          "Either the definition or the roleArn must be specified");
    }
    StateMachineInfo updated = engine.updateStateMachine(arn, definition, roleArn);
    ObjectNode out = json.createObjectNode();
    // The facade carries no update time: the server's clock (the engine's clock when shared) stamps
    // it.
    out.put("updateDate", epochSeconds(clock.instant()));
    if (updated.revisionId() != null) {
      out.put("revisionId", updated.revisionId());
    }
    return out;
  }

  private ObjectNode describeStateMachine(JsonRequest request) {
    StateMachineInfo machine =
        engine.describeStateMachine(request.requiredString("stateMachineArn"));
    ObjectNode out = json.createObjectNode();
    out.put("stateMachineArn", machine.stateMachineArn());
    out.put("name", machine.name());
    out.put("status", machine.status());
    out.put("definition", machine.definition());
    out.put("roleArn", machine.roleArn());
    out.put("type", machine.type());
    out.put("creationDate", epochSeconds(machine.creationDate()));
    ObjectNode logging = out.putObject("loggingConfiguration");
    logging.put("level", "OFF");
    logging.put("includeExecutionData", false);
    out.putObject("tracingConfiguration").put("enabled", false);
    if (machine.revisionId() != null) {
      out.put("revisionId", machine.revisionId());
    }
    return out;
  }

  private ObjectNode listStateMachines(JsonRequest request) {
    int max = request.maxResults(DEFAULT_PAGE, MAX_PAGE);
    PageToken.Page<StateMachineInfo> page =
        PageToken.page(
            engine.listStateMachines(), request.optionalString("nextToken"), max, "machines");
    ObjectNode out = json.createObjectNode();
    ArrayNode items = out.putArray("stateMachines");
    for (StateMachineInfo machine : page.items()) {
      ObjectNode item = items.addObject();
      item.put("stateMachineArn", machine.stateMachineArn());
      item.put("name", machine.name());
      item.put("type", machine.type());
      item.put("creationDate", epochSeconds(machine.creationDate()));
    }
    putToken(out, page);
    return out;
  }

  private ObjectNode deleteStateMachine(JsonRequest request) {
    engine.deleteStateMachine(request.requiredString("stateMachineArn"));
    return json.createObjectNode();
  }

  private ObjectNode startExecution(JsonRequest request) {
    String arn = request.requiredString("stateMachineArn");
    String name = request.optionalString("name");
    String input = request.optionalString("input");
    // AWS runs an execution started without input on "{}".
    ExecutionInfo started = engine.startExecution(arn, name, input == null ? "{}" : input);
    ObjectNode out = json.createObjectNode();
    out.put("executionArn", started.executionArn());
    out.put("startDate", epochSeconds(started.startDate()));
    return out;
  }

  private ObjectNode stopExecution(JsonRequest request) {
    ExecutionInfo stopped =
        engine.stopExecution(
            request.requiredString("executionArn"),
            request.optionalString("error"),
            request.optionalString("cause"));
    ObjectNode out = json.createObjectNode();
    out.put(
        "stopDate",
        epochSeconds(stopped.stopDate() != null ? stopped.stopDate() : clock.instant()));
    return out;
  }

  private ObjectNode describeExecution(JsonRequest request) {
    ExecutionInfo execution = engine.describeExecution(request.requiredString("executionArn"));
    ObjectNode out = executionSummary(execution);
    if (execution.input() != null) {
      out.put("input", execution.input());
      out.putObject("inputDetails").put("included", true);
    }
    if (execution.output() != null) {
      out.put("output", execution.output());
      out.putObject("outputDetails").put("included", true);
    }
    if (execution.error() != null) {
      out.put("error", execution.error());
    }
    if (execution.cause() != null) {
      out.put("cause", execution.cause());
    }
    if (execution.mapRunArn() != null) {
      out.put("mapRunArn", execution.mapRunArn());
    }
    return out;
  }

  private ObjectNode listExecutions(JsonRequest request) {
    String arn = request.optionalString("stateMachineArn");
    String mapRunArn = request.optionalString("mapRunArn");
    if ((arn == null) == (mapRunArn == null)) {
      throw ApiError.validation("Must provide a StateMachine ARN or MapRun ARN");
    }
    String status = request.optionalEnum("statusFilter", STATUSES);
    int max = request.maxResults(DEFAULT_PAGE, MAX_PAGE);
    ExecutionStatus filter = status == null ? null : ExecutionStatus.valueOf(status);
    List<ExecutionInfo> all =
        arn != null
            ? engine.listExecutions(arn, filter)
            : engine.listMapRunExecutions(mapRunArn, filter);
    if (arn == null) {
      arn = mapRunArn;
    }
    PageToken.Page<ExecutionInfo> page =
        PageToken.page(
            all, request.optionalString("nextToken"), max, "executions|" + arn + "|" + status);
    ObjectNode out = json.createObjectNode();
    ArrayNode items = out.putArray("executions");
    for (ExecutionInfo execution : page.items()) {
      ObjectNode item = executionSummary(execution);
      items.add(item);
      if (execution.mapRunArn() != null) { // only when listed by Map Run (ExecutionListItem)
        item.put("mapRunArn", execution.mapRunArn());
      }
      if (execution.itemCount() != null) {
        item.put("itemCount", execution.itemCount());
      }
    }
    putToken(out, page);
    return out;
  }

  private ObjectNode getExecutionHistory(JsonRequest request) {
    String arn = request.requiredString("executionArn");
    int max = request.maxResults(DEFAULT_PAGE, MAX_PAGE);
    boolean reverse = request.optionalBoolean("reverseOrder", false);
    boolean includeData = request.optionalBoolean("includeExecutionData", true);
    List<HistoryEvent> events = new ArrayList<>(engine.getExecutionHistory(arn));
    if (reverse) {
      java.util.Collections.reverse(events);
    }
    PageToken.Page<HistoryEvent> page =
        PageToken.page(
            events, request.optionalString("nextToken"), max, "history|" + arn + "|" + reverse);
    ObjectNode out = json.createObjectNode();
    ArrayNode items = out.putArray("events");
    for (HistoryEvent event : page.items()) {
      ObjectNode item = items.addObject();
      item.put("timestamp", epochSeconds(event.timestamp()));
      item.put("type", event.type());
      item.put("id", event.id());
      item.put("previousEventId", event.previousEventId());
      if (event.detailsField() != null && event.details() != null) {
        ObjectNode details = event.details().deepCopy();
        if (!includeData) {
          details.remove("input");
          details.remove("output");
        }
        item.set(event.detailsField(), details);
      }
    }
    putToken(out, page);
    return out;
  }

  private ObjectNode sendTaskSuccess(JsonRequest request) {
    engine.sendTaskSuccess(request.requiredString("taskToken"), request.requiredString("output"));
    return json.createObjectNode();
  }

  private ObjectNode sendTaskFailure(JsonRequest request) {
    engine.sendTaskFailure(
        request.requiredString("taskToken"),
        request.optionalString("error"),
        request.optionalString("cause"));
    return json.createObjectNode();
  }

  private ObjectNode sendTaskHeartbeat(JsonRequest request) {
    engine.sendTaskHeartbeat(request.requiredString("taskToken"));
    return json.createObjectNode();
  }

  private ObjectNode validateStateMachineDefinition(JsonRequest request) {
    String definition = request.requiredString("definition");
    request.optionalEnum("type", MACHINE_TYPES);
    String severity = request.optionalEnum("severity", SEVERITIES);
    int max = request.maxResults(100, 100);
    List<ValidationDiagnostic> all = engine.validateStateMachineDefinition(definition);
    boolean failed = all.stream().anyMatch(d -> "ERROR".equals(d.severity()));
    boolean withWarnings = "WARNING".equals(severity);
    List<ValidationDiagnostic> shown =
        all.stream().filter(d -> withWarnings || "ERROR".equals(d.severity())).toList();
    ObjectNode out = json.createObjectNode();
    out.put("result", failed ? "FAIL" : "OK");
    ArrayNode items = out.putArray("diagnostics");
    for (ValidationDiagnostic diagnostic : shown.subList(0, Math.min(max, shown.size()))) {
      ObjectNode item = items.addObject();
      item.put("severity", diagnostic.severity());
      item.put("code", diagnostic.code());
      item.put("message", diagnostic.message());
      if (diagnostic.location() != null) {
        item.put("location", diagnostic.location());
      }
    }
    out.put("truncated", shown.size() > max);
    return out;
  }

  private ObjectNode executionSummary(ExecutionInfo execution) {
    ObjectNode out = json.createObjectNode();
    out.put("executionArn", execution.executionArn());
    out.put("stateMachineArn", execution.stateMachineArn());
    out.put("name", execution.name());
    out.put("status", execution.status().name());
    out.put("startDate", epochSeconds(execution.startDate()));
    if (execution.stopDate() != null) {
      out.put("stopDate", epochSeconds(execution.stopDate()));
    }
    return out;
  }

  private static void putToken(ObjectNode out, PageToken.Page<?> page) {
    if (page.nextToken() != null) {
      out.put("nextToken", page.nextToken());
    }
  }

  /** AWS JSON 1.0 timestamps: epoch seconds as a JSON number, millisecond precision. */
  static BigDecimal epochSeconds(Instant instant) {
    return BigDecimal.valueOf(instant.toEpochMilli(), 3);
  }
}
