package dev.sqlup.local.asl.definition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.asl.choice.ChoiceRule;
import dev.sqlup.local.asl.jsonata.JsonataExpression;
import dev.sqlup.local.asl.jsonata.JsonataTemplate;
import dev.sqlup.local.asl.path.JsonPaths;
import dev.sqlup.local.asl.payload.PayloadTemplate;
import dev.sqlup.local.asl.state.ChoiceState;
import dev.sqlup.local.asl.state.DistributedFields;
import dev.sqlup.local.asl.state.FailState;
import dev.sqlup.local.asl.state.MapState;
import dev.sqlup.local.asl.state.ParallelState;
import dev.sqlup.local.asl.state.PassState;
import dev.sqlup.local.asl.state.State;
import dev.sqlup.local.asl.state.StateGraph;
import dev.sqlup.local.asl.state.SucceedState;
import dev.sqlup.local.asl.state.TaskState;
import dev.sqlup.local.asl.state.WaitState;
import dev.sqlup.local.asl.state.fields.Assign;
import dev.sqlup.local.asl.state.fields.Catcher;
import dev.sqlup.local.asl.state.fields.ErrorEquals;
import dev.sqlup.local.asl.state.fields.ErrorHandling;
import dev.sqlup.local.asl.state.fields.InputPath;
import dev.sqlup.local.asl.state.fields.OutputPath;
import dev.sqlup.local.asl.state.fields.Parameters;
import dev.sqlup.local.asl.state.fields.ResultPath;
import dev.sqlup.local.asl.state.fields.ResultSelector;
import dev.sqlup.local.asl.state.fields.Retrier;
import dev.sqlup.local.asl.task.TaskResource;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an Amazon States Language definition (JSONPath query language) into a {@link StateGraph}, and
 * checks it the way CreateStateMachine does: structure, field sets per state type, transitions,
 * reachability, paths, templates, Retry/Catch rules. All findings are collected, then thrown together.
 */
public final class DefinitionParser {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_NAME = 80;


  private final Problems problems = new Problems();
  private final StateFields fields = new StateFields(problems);
  private boolean topJsonata;
  private final TaskResources resources;
  private final Set<String> allNames = new HashSet<>();

  private DefinitionParser(TaskResources resources) {
    this.resources = resources;
  }

  /** The graph, or {@link InvalidDefinitionException} with every finding. */
  public static StateGraph parse(String definition, TaskResources resources) {
    DefinitionParser parser = new DefinitionParser(resources);
    StateGraph graph = parser.parseDocument(definition);
    parser.problems.throwIfAny();
    return graph;
  }

  /** Every finding (empty = valid), as ValidateStateMachineDefinition reports them. */
  public static Problems validate(String definition, TaskResources resources) {
    DefinitionParser parser = new DefinitionParser(resources);
    parser.parseDocument(definition);
    return parser.problems;
  }

  private StateGraph parseDocument(String definition) {
    JsonNode root;
    try {
      root = MAPPER.readTree(definition);
    } catch (JsonProcessingException e) {
      problems.error("INVALID_JSON_DESCRIPTION", e.getOriginalMessage(), "/");
      return null;
    }
    if (root == null || !root.isObject()) {
      problems.error("INVALID_JSON_DESCRIPTION", "The definition must be a JSON object", "/");
      return null;
    }
    checkFields(root, StateFields.TOP_FIELDS, "");
    Integer timeout = null;
    if (root.has("TimeoutSeconds")) {
      timeout = positiveInt(root.get("TimeoutSeconds"), "TimeoutSeconds", "/TimeoutSeconds", 0);
    }
    topJsonata = root.has("QueryLanguage") && root.get("QueryLanguage").asText().equals("JSONata");
    if (root.has("Version") && !root.get("Version").asText().equals("1.0")) {
      problems.schema("Version must be \"1.0\"", "/Version");
    }
    return parseGraph(root, "", timeout);
  }

  private StateGraph parseGraph(JsonNode node, String location, Integer timeout) {
    JsonNode startAt = node.get("StartAt");
    JsonNode states = node.get("States");
    if (startAt == null || !startAt.isTextual()) {
      problems.schema("These fields are required: [StartAt]", location + "/StartAt");
    }
    if (states == null || !states.isObject() || states.isEmpty()) {
      problems.schema("These fields are required: [States] (a non-empty object)", location + "/States");
      return null;
    }
    Map<String, JsonNode> raw = new LinkedHashMap<>();
    states.fields().forEachRemaining(e -> raw.put(e.getKey(), e.getValue()));
    Map<String, State> built = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : raw.entrySet()) {
      String name = entry.getKey();
      String at = location + "/States/" + name;
      if (name.isEmpty() || name.length() > MAX_NAME) {
        problems.schema("State names must be 1 to " + MAX_NAME + " characters: '" + name + "'", at);
      }
      if (!allNames.add(name)) {
        problems.error("DUPLICATE_STATE_NAME", "Duplicate State name: '" + name + "'", at);
      }
      State state = parseState(name, entry.getValue(), at);
      if (state != null) {
        built.put(name, state);
      }
    }
    String start = startAt != null && startAt.isTextual() ? startAt.asText() : null;
    if (start != null && !raw.containsKey(start)) {
      problems.error(
          "MISSING_TRANSITION_TARGET", "Missing 'Next' target: " + start, location + "/StartAt");
    }
    checkTransitionsAndReachability(start, built, raw.keySet(), location);
    return new StateGraph(start, built, timeout);
  }

  private void checkTransitionsAndReachability(
      String start, Map<String, State> states, Set<String> names, String location) {
    Map<String, List<String>> edges = new LinkedHashMap<>();
    for (State state : states.values()) {
      List<String> targets = new ArrayList<>();
      if (state.next() != null) {
        targets.add(state.next());
      }
      state.errors().catchers().forEach(c -> targets.add(c.next()));
      if (state instanceof ChoiceState choice) {
        choice.choices().forEach(b -> targets.add(b.next()));
        if (choice.defaultNext() != null) {
          targets.add(choice.defaultNext());
        }
      }
      for (String target : targets) {
        if (target != null && !names.contains(target)) {
          problems.error(
              "MISSING_TRANSITION_TARGET",
              "Missing 'Next' target: " + target,
              location + "/States/" + state.name());
        }
      }
      edges.put(state.name(), targets);
    }
    if (start == null || !names.contains(start) || states.size() != names.size()) {
      return;
    }
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(start));
    while (!todo.isEmpty()) {
      String name = todo.pop();
      if (seen.add(name) && edges.containsKey(name)) {
        edges.get(name).stream().filter(names::contains).forEach(todo::push);
      }
    }
    for (String name : names) {
      if (!seen.contains(name)) {
        problems.error(
            "UNREACHABLE_STATE", "State \"" + name + "\" is not reachable.", location + "/States/" + name);
      }
    }
  }

  private State parseState(String name, JsonNode node, String at) {
    if (!node.isObject()) {
      problems.schema("A state must be a JSON object", at);
      return null;
    }
    JsonNode typeNode = node.get("Type");
    if (typeNode == null || !typeNode.isTextual()) {
      problems.schema("These fields are required: [Type]", at);
      return null;
    }
    String type = typeNode.asText();
    Set<String> allowed = StateFields.FIELDS.get(type);
    if (allowed == null) {
      problems.schema("Value is not a valid state type: '" + type + "'", at + "/Type");
      return null;
    }
    boolean jsonata = topJsonata;
    if (node.has("QueryLanguage")) {
      String language = node.get("QueryLanguage").asText();
      if (topJsonata && language.equals("JSONPath")) {
        // developer guide "Transforming data with JSONata": a JSONata machine has no JSONPath states
        problems.schema("A state cannot use QueryLanguage 'JSONPath' when the state machine's"
            + " QueryLanguage is 'JSONata'", at + "/QueryLanguage");
      }
      jsonata = language.equals("JSONata");
    }
    if (jsonata) {
      allowed = StateFields.JSONATA_STATE_FIELDS.get(type);
    }
    Set<String> all = new HashSet<>(allowed);
    all.addAll(StateFields.COMMON);
    checkFields(node, all, at, jsonata, type);
    boolean terminalType = type.equals("Choice") || type.equals("Succeed") || type.equals("Fail");
    String next = text(node, "Next", at);
    boolean end = node.has("End") && node.get("End").asBoolean(false);
    if (node.has("End") && !node.get("End").isBoolean()) {
      problems.schema("End must be a boolean", at + "/End");
    }
    if (!terminalType) {
      if (next != null && end) {
        problems.schema("A state may not have both 'Next' and 'End': true", at);
      } else if (next == null && !end) {
        problems.schema("A state must have either 'Next' or 'End': true", at);
      }
    }
    State.Common common = jsonata
        ? new State.Common(
            name, next, end || terminalType, InputPath.DEFAULT, null, null, ResultPath.DEFAULT,
            OutputPath.DEFAULT, errorHandling(node, at, true), true, true,
            jsonataTemplate(node, "Arguments", at), jsonataTemplate(node, "Output", at),
            assign(node.get("Assign"), true, at))
        : new State.Common(
            name,
            next,
            end || terminalType,
            inputPath(node, at),
            template(node, "Parameters", at),
            node.has("ResultSelector") ? resultSelector(node, at) : null,
            resultPath(node, "ResultPath", at),
            outputPath(node, at),
            errorHandling(node, at, false),
            // Conservative: any "$$" in the state's JSON (paths, templates, choice rules, nested
            // branches) means its run builds the context object; most states never need it.
            node.toString().contains("$$"),
            false, null, null, assign(node.get("Assign"), false, at));
    try {
      return switch (type) {
        case "Pass" -> new PassState(common, node.get("Result"));
        case "Succeed" -> new SucceedState(common);
        case "Fail" -> jsonata ? jsonataFail(common, node, at) : fail(common, node, at);
        case "Wait" -> jsonata ? jsonataWait(common, node, at) : waitState(common, node, at);
        case "Choice" -> choice(common, node, at, jsonata);
        case "Task" -> jsonata ? jsonataTask(common, node, at) : task(common, node, at);
        case "Parallel" -> parallel(common, node, at);
        case "Map" -> map(common, node, at, jsonata);
        default -> null;
      };
    } catch (IllegalArgumentException e) {
      problems.schema(e.getMessage(), at);
      return null;
    }
  }

  private FailState fail(State.Common common, JsonNode node, String at) {
    if (node.has("Error") && node.has("ErrorPath")) {
      problems.schema("Only one of Error and ErrorPath may be set", at);
    }
    if (node.has("Cause") && node.has("CausePath")) {
      problems.schema("Only one of Cause and CausePath may be set", at);
    }
    return new FailState(
        common,
        text(node, "Error", at),
        path(node, "ErrorPath", at, false),
        text(node, "Cause", at),
        path(node, "CausePath", at, false));
  }

  private WaitState waitState(State.Common common, JsonNode node, String at) {
    int count = 0;
    for (String f : List.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath")) {
      if (node.has(f)) {
        count++;
      }
    }
    if (count != 1) {
      problems.schema(
          "A Wait state must have exactly one of Seconds, SecondsPath, Timestamp, TimestampPath", at);
    }
    Long seconds = null;
    if (node.has("Seconds")) {
      JsonNode s = node.get("Seconds");
      if (!s.isIntegralNumber() || s.asLong() < 0) {
        problems.schema("Seconds must be a non-negative integer", at + "/Seconds");
      } else {
        seconds = s.asLong();
      }
    }
    Instant timestamp = null;
    if (node.has("Timestamp")) {
      timestamp = WaitState.parseTimestamp(node.get("Timestamp").asText(null));
      if (timestamp == null) {
        problems.schema("Timestamp must be an RFC 3339 timestamp, e.g. 2016-03-14T01:59:00Z", at + "/Timestamp");
      }
    }
    return new WaitState(
        common, seconds, referencePath(node, "SecondsPath", at), timestamp,
        referencePath(node, "TimestampPath", at));
  }

  private ChoiceState choice(State.Common common, JsonNode node, String at, boolean jsonata) {
    JsonNode choices = node.get("Choices");
    if (choices == null || !choices.isArray() || choices.isEmpty()) {
      problems.schema("These fields are required: [Choices] (a non-empty array)", at + "/Choices");
      return new ChoiceState(common, List.of(), text(node, "Default", at));
    }
    List<ChoiceState.Branch> branches = new ArrayList<>();
    for (int i = 0; i < choices.size(); i++) {
      JsonNode rule = choices.get(i);
      String ruleAt = at + "/Choices/" + i;
      String next = rule.has("Next") ? rule.get("Next").asText() : null;
      if (next == null) {
        problems.schema("These fields are required: [Next]", ruleAt);
      }
      if (jsonata) {
        branches.add(jsonataChoice(rule, next, ruleAt));
        continue;
      }
      for (String f : StateFields.JSONATA_FIELDS) {
        if (rule.has(f)) {
          problems.schema(StateFields.jsonataOnly(f), ruleAt + "/" + f);
        }
      }
      try {
        Assign ruleAssign = assign(rule.get("Assign"), false, ruleAt);
        ObjectNode withoutAssign = ((ObjectNode) rule).deepCopy();
        withoutAssign.remove("Assign");
        branches.add(new ChoiceState.Branch(ChoiceRule.compile(withoutAssign), null, next, ruleAssign, null));
      } catch (IllegalArgumentException e) {
        problems.schema(e.getMessage(), ruleAt);
      }
    }
    return new ChoiceState(common, branches, text(node, "Default", at));
  }

  /** A JSONata Choice rule (guide "Choice workflow state"): Condition, Next, Assign, Output, Comment. */
  private ChoiceState.Branch jsonataChoice(JsonNode rule, String next, String at) {
    checkFields(rule, Set.of("Condition", "Next", "Assign", "Output", "Comment"), at, true, "Choice rule");
    JsonNode condition = rule.get("Condition");
    JsonataExpression compiled = null;
    if (condition == null) {
      problems.schema("These fields are required: [Condition]", at);
    } else if (condition.isBoolean()) {
      compiled = JsonataExpression.compile("{%" + condition.asText() + "%}");
    } else if (!JsonataExpression.isExpression(condition)) {
      problems.schema("The field 'Condition' must be a boolean or a JSONata expression ({% ... %})",
          at + "/Condition");
    } else {
      compiled = expression(condition.asText(), at + "/Condition");
    }
    return new ChoiceState.Branch(
        null, compiled, next, assign(rule.get("Assign"), true, at), jsonataTemplate(rule, "Output", at));
  }

  private FailState jsonataFail(State.Common common, JsonNode node, String at) {
    JsonataTemplate error = stringOrExpression(node, "Error", at);
    JsonataTemplate cause = stringOrExpression(node, "Cause", at);
    return new FailState(common, null, null, null, null, error, cause);
  }

  private WaitState jsonataWait(State.Common common, JsonNode node, String at) {
    if (node.has("Seconds") == node.has("Timestamp")) {
      problems.schema("A Wait state must have exactly one of Seconds and Timestamp", at);
    }
    JsonataTemplate seconds = integerOrExpression(node, "Seconds", at, 0);
    JsonataTemplate timestamp = null;
    JsonNode t = node.get("Timestamp");
    if (t != null) {
      if (JsonataExpression.isExpression(t)) {
        timestamp = jsonataTemplate(node, "Timestamp", at);
      } else if (WaitState.parseTimestamp(t.asText(null)) == null) {
        problems.schema("Timestamp must be an RFC 3339 timestamp, e.g. 2016-03-14T01:59:00Z", at + "/Timestamp");
      } else {
        timestamp = jsonataTemplate(node, "Timestamp", at);
      }
    }
    return new WaitState(common, null, null, null, null, seconds, timestamp);
  }

  private TaskState jsonataTask(State.Common common, JsonNode node, String at) {
    TaskResource resource = resource(node, at);
    JsonataTemplate timeout = integerOrExpression(node, "TimeoutSeconds", at, 1);
    JsonataTemplate heartbeat = integerOrExpression(node, "HeartbeatSeconds", at, 1);
    JsonNode t = node.get("TimeoutSeconds");
    JsonNode h = node.get("HeartbeatSeconds");
    if (t != null && h != null && t.isIntegralNumber() && h.isIntegralNumber() && h.asLong() >= t.asLong()) {
      problems.schema("HeartbeatSeconds must be smaller than TimeoutSeconds", at + "/HeartbeatSeconds");
    }
    return new TaskState(common, resource, null, null, null, null, timeout, heartbeat);
  }

  private TaskResource resource(JsonNode node, String at) {
    String resourceArn = text(node, "Resource", at);
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

  private TaskState task(State.Common common, JsonNode node, String at) {
    String resourceArn = text(node, "Resource", at);
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
    Long timeout = node.has("TimeoutSeconds")
        ? (long) positiveInt(node.get("TimeoutSeconds"), "TimeoutSeconds", at + "/TimeoutSeconds", 1)
        : null;
    Long heartbeat = node.has("HeartbeatSeconds")
        ? (long) positiveInt(node.get("HeartbeatSeconds"), "HeartbeatSeconds", at + "/HeartbeatSeconds", 1)
        : null;
    if (timeout != null && heartbeat != null && heartbeat >= timeout) {
      problems.schema("HeartbeatSeconds must be smaller than TimeoutSeconds", at + "/HeartbeatSeconds");
    }
    return new TaskState(
        common, resource, timeout, referencePath(node, "TimeoutSecondsPath", at), heartbeat,
        referencePath(node, "HeartbeatSecondsPath", at));
  }

  private ParallelState parallel(State.Common common, JsonNode node, String at) {
    JsonNode branches = node.get("Branches");
    List<StateGraph> graphs = new ArrayList<>();
    if (branches == null || !branches.isArray() || branches.isEmpty()) {
      problems.schema("These fields are required: [Branches] (a non-empty array)", at + "/Branches");
      return new ParallelState(common, graphs);
    }
    for (int i = 0; i < branches.size(); i++) {
      String branchAt = at + "/Branches/" + i;
      JsonNode branch = branches.get(i);
      if (!branch.isObject()) {
        problems.schema("A branch must be a JSON object", branchAt);
        continue;
      }
      checkFields(branch, StateFields.BRANCH_FIELDS, branchAt);
      StateGraph graph = parseGraph(branch, branchAt, null);
      if (graph != null) {
        // null: the branch's problems are recorded and reject the definition (was an NPE, EngineFuzzTest)
        graphs.add(graph);
      }
    }
    return new ParallelState(common, graphs);
  }

  private MapState map(State.Common common, JsonNode node, String at, boolean jsonata) {
    JsonNode processor = node.has("ItemProcessor") ? node.get("ItemProcessor") : node.get("Iterator");
    if (node.has("ItemProcessor") && node.has("Iterator")) {
      problems.schema("Only one of ItemProcessor and Iterator may be set", at);
    }
    if (node.has("ItemSelector") && node.has("Parameters")) {
      problems.schema("Only one of ItemSelector and Parameters may be set", at);
    }
    StateGraph graph = null;
    if (processor == null || !processor.isObject()) {
      problems.schema("These fields are required: [ItemProcessor]", at);
    } else {
      String processorAt = at + (node.has("ItemProcessor") ? "/ItemProcessor" : "/Iterator");
      checkFields(processor, StateFields.BRANCH_FIELDS, processorAt);
      graph = parseGraph(processor, processorAt, null);
    }
    DistributedFields distributed = new DistributedMapFields(problems).read(node, processor, at, jsonata, topJsonata);
    if (jsonata) {
      JsonNode items = node.get("Items");
      if (items != null && !items.isArray() && !JsonataExpression.isExpression(items)) {
        problems.schema("The field 'Items' must be a JSON array or a JSONata expression ({% ... %})", at + "/Items");
      }
      MapState.JsonataFields fields = new MapState.JsonataFields(
          jsonataTemplate(node, "Items", at), jsonataTemplate(node, "ItemSelector", at),
          node.has("MaxConcurrency") && JsonataExpression.isExpression(node.get("MaxConcurrency"))
              ? jsonataTemplate(node, "MaxConcurrency", at) : null);
      int max = node.has("MaxConcurrency") && !JsonataExpression.isExpression(node.get("MaxConcurrency"))
          ? positiveInt(node.get("MaxConcurrency"), "MaxConcurrency", at + "/MaxConcurrency", 0) : 0;
      return new MapState(common, "$", null, max, null, graph, fields, distributed);
    }
    String selectorField = node.has("ItemSelector") ? "ItemSelector" : "Parameters";
    Parameters selector = template(node, selectorField, at);
    int maxConcurrency = 0;
    if (node.has("MaxConcurrency")) {
      maxConcurrency = positiveInt(node.get("MaxConcurrency"), "MaxConcurrency", at + "/MaxConcurrency", 0);
    }
    String itemsPath = node.has("ItemsPath") ? referencePath(node, "ItemsPath", at) : "$";
    return new MapState(
        common.withoutParameters(), itemsPath == null ? "$" : itemsPath, selector, maxConcurrency,
        referencePath(node, "MaxConcurrencyPath", at), graph, null, distributed);
  }

  // ---- fields

  private ErrorHandling errorHandling(JsonNode node, String at, boolean jsonata) {
    List<Retrier> retriers = new ArrayList<>();
    List<Catcher> catchers = new ArrayList<>();
    JsonNode retry = node.get("Retry");
    if (retry != null) {
      if (!retry.isArray()) {
        problems.schema("Retry must be an array", at + "/Retry");
      } else {
        for (int i = 0; i < retry.size(); i++) {
          Retrier r = retrier(retry.get(i), at + "/Retry/" + i, i == retry.size() - 1);
          if (r != null) {
            retriers.add(r);
          }
        }
      }
    }
    JsonNode catches = node.get("Catch");
    if (catches != null) {
      if (!catches.isArray()) {
        problems.schema("Catch must be an array", at + "/Catch");
      } else {
        for (int i = 0; i < catches.size(); i++) {
          JsonNode c = catches.get(i);
          String cAt = at + "/Catch/" + i;
          checkFields(c, jsonata
              ? Set.of("ErrorEquals", "Next", "Output", "Assign", "Comment")
              : Set.of("ErrorEquals", "Next", "ResultPath", "Assign", "Comment"), cAt, jsonata, "Catcher");
          ErrorEquals errors = errorEquals(c, cAt, i == catches.size() - 1);
          String next = text(c, "Next", cAt);
          if (next == null) {
            problems.schema("These fields are required: [Next]", cAt);
          }
          catchers.add(jsonata
              ? new Catcher(errors, next, ResultPath.DEFAULT, jsonataTemplate(c, "Output", cAt),
                  assign(c.get("Assign"), true, cAt))
              : new Catcher(errors, next, resultPath(c, "ResultPath", cAt), null,
                  assign(c.get("Assign"), false, cAt)));
        }
      }
    }
    return retriers.isEmpty() && catchers.isEmpty()
        ? ErrorHandling.NONE
        : new ErrorHandling(retriers, catchers);
  }

  private Retrier retrier(JsonNode r, String at, boolean last) {
    checkFields(
        r,
        Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds",
            "JitterStrategy", "Comment"),
        at, false, "Retrier");
    ErrorEquals errors = errorEquals(r, at, last);
    int interval = r.has("IntervalSeconds")
        ? positiveInt(r.get("IntervalSeconds"), "IntervalSeconds", at + "/IntervalSeconds", 1) : 1;
    int maxAttempts = r.has("MaxAttempts")
        ? positiveInt(r.get("MaxAttempts"), "MaxAttempts", at + "/MaxAttempts", 0) : 3;
    double backoff = 2.0;
    if (r.has("BackoffRate")) {
      JsonNode b = r.get("BackoffRate");
      if (!b.isNumber() || b.asDouble() < 1.0) {
        problems.schema("BackoffRate must be a number greater than or equal to 1.0", at + "/BackoffRate");
      } else {
        backoff = b.asDouble();
      }
    }
    Integer maxDelay = r.has("MaxDelaySeconds")
        ? positiveInt(r.get("MaxDelaySeconds"), "MaxDelaySeconds", at + "/MaxDelaySeconds", 1) : null;
    boolean full = false;
    if (r.has("JitterStrategy")) {
      String j = r.get("JitterStrategy").asText();
      if (!j.equals("FULL") && !j.equals("NONE")) {
        problems.schema("JitterStrategy must be FULL or NONE", at + "/JitterStrategy");
      }
      full = j.equals("FULL");
    }
    return new Retrier(errors, interval, maxAttempts, backoff, maxDelay, full);
  }

  private ErrorEquals errorEquals(JsonNode node, String at, boolean lastEntry) {
    JsonNode names = node.get("ErrorEquals");
    if (names == null || !names.isArray() || names.isEmpty()) {
      problems.schema("These fields are required: [ErrorEquals] (a non-empty array)", at);
      return new ErrorEquals(List.of());
    }
    List<String> list = new ArrayList<>();
    names.forEach(n -> list.add(n.asText()));
    if (list.contains("States.ALL") && (list.size() > 1 || !lastEntry)) {
      problems.schema(
          "States.ALL must appear alone in ErrorEquals and in the last Retrier/Catcher", at + "/ErrorEquals");
    }
    return new ErrorEquals(list);
  }

  private InputPath inputPath(JsonNode node, String at) {
    if (!node.has("InputPath")) {
      return InputPath.DEFAULT;
    }
    return new InputPath(nullablePath(node, "InputPath", at, false));
  }

  private OutputPath outputPath(JsonNode node, String at) {
    if (!node.has("OutputPath")) {
      return OutputPath.DEFAULT;
    }
    return new OutputPath(nullablePath(node, "OutputPath", at, false));
  }

  private ResultPath resultPath(JsonNode node, String field, String at) {
    if (!node.has(field)) {
      return ResultPath.DEFAULT;
    }
    return new ResultPath(nullablePath(node, field, at, true));
  }

  private String nullablePath(JsonNode node, String field, String at, boolean reference) {
    JsonNode value = node.get(field);
    if (value.isNull()) {
      return null;
    }
    return reference ? referencePath(node, field, at) : path(node, field, at, false);
  }

  private String path(JsonNode node, String field, String at, boolean reference) {
    JsonNode value = node.get(field);
    if (value == null) {
      return null;
    }
    String path = value.isTextual() ? value.asText() : null;
    boolean ok = path != null && (reference ? JsonPaths.isValidReferencePath(path) : JsonPaths.isValidPath(path));
    if (!ok) {
      problems.error(
          "INVALID_JSON_PATH",
          "The value for the field '" + field + "' must be a valid "
              + (reference ? "Reference Path" : "JSONPath") + ": " + value,
          at + "/" + field);
      return null;
    }
    return path;
  }

  private String referencePath(JsonNode node, String field, String at) {
    return path(node, field, at, true);
  }

  private Parameters template(JsonNode node, String field, String at) {
    if (!node.has(field)) {
      return null;
    }
    try {
      return new Parameters(PayloadTemplate.compile(node.get(field)));
    } catch (IllegalArgumentException e) {
      problems.error(
          e.getMessage() != null && e.getMessage().contains("ntrinsic") ? "INVALID_INTRINSIC_FUNCTION"
              : "INVALID_JSON_PATH",
          field + ": " + e.getMessage(), at + "/" + field);
      return null;
    }
  }

  private ResultSelector resultSelector(JsonNode node, String at) {
    Parameters p = template(node, "ResultSelector", at);
    return p == null ? null : new ResultSelector(p.template());
  }

  private String text(JsonNode node, String field, String at) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      problems.schema("The field '" + field + "' must be a string", at + "/" + field);
      return null;
    }
    return value.asText();
  }

  private int positiveInt(JsonNode value, String field, String at, int min) {
    if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > 99_999_999L) {
      problems.schema(field + " must be an integer between " + min + " and 99999999", at);
      return min;
    }
    return value.asInt();
  }

  private void checkFields(JsonNode node, Set<String> allowed, String at) {
    fields.check(node, allowed, at, false, null);
  }

  private void checkFields(JsonNode node, Set<String> allowed, String at, boolean jsonata, String type) {
    fields.check(node, allowed, at, jsonata, type);
  }

  // ---- JSONata fields

  private JsonataExpression expression(String text, String at) {
    try {
      return JsonataExpression.compile(text);
    } catch (IllegalArgumentException e) {
      problems.error("SCHEMA_VALIDATION_FAILED", e.getMessage(), at);
      return null;
    }
  }

  private JsonataTemplate jsonataTemplate(JsonNode node, String field, String at) {
    JsonNode value = node.get(field);
    if (value == null) {
      return null;
    }
    try {
      return JsonataTemplate.compile(value, field);
    } catch (IllegalArgumentException e) {
      problems.error("SCHEMA_VALIDATION_FAILED", e.getMessage(), at + "/" + field);
      return null;
    }
  }

  private JsonataTemplate stringOrExpression(JsonNode node, String field, String at) {
    JsonNode value = node.get(field);
    if (value != null && !value.isTextual()) {
      problems.schema("The field '" + field + "' must be a string or a JSONata expression", at + "/" + field);
      return null;
    }
    return jsonataTemplate(node, field, at);
  }

  private JsonataTemplate integerOrExpression(JsonNode node, String field, String at, int min) {
    JsonNode value = node.get(field);
    if (value == null) {
      return null;
    }
    if (!JsonataExpression.isExpression(value)) {
      positiveInt(value, field, at + "/" + field, min);
    }
    return jsonataTemplate(node, field, at);
  }

  private Assign assign(JsonNode value, boolean jsonata, String at) {
    if (value == null) {
      return null;
    }
    try {
      return Assign.compile(value, jsonata, at);
    } catch (IllegalArgumentException e) {
      problems.schema(e.getMessage(), at + "/Assign");
      return null;
    }
  }
}
