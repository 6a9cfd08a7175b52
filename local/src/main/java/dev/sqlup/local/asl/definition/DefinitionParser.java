package dev.sqlup.local.asl.definition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlup.local.asl.state.ChoiceState;
import dev.sqlup.local.asl.state.PassState;
import dev.sqlup.local.asl.state.State;
import dev.sqlup.local.asl.state.StateGraph;
import dev.sqlup.local.asl.state.SucceedState;
import dev.sqlup.local.asl.state.fields.InputPath;
import dev.sqlup.local.asl.state.fields.OutputPath;
import dev.sqlup.local.asl.state.fields.ResultPath;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an Amazon States Language definition (JSONPath query language) into a {@link StateGraph},
 * and checks it the way CreateStateMachine does: structure, field sets per state type, transitions,
 * reachability, paths, templates, Retry/Catch rules. All findings are collected, then thrown
 * together.
 */
public final class DefinitionParser {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_NAME = 80;

  private final Problems problems = new Problems();
  private final FieldReader fields = new FieldReader(problems);
  private final ErrorHandlingParser errorParser = new ErrorHandlingParser(fields);
  private final FailStateParser failStates = new FailStateParser(fields);
  private final WaitStateParser waitStates = new WaitStateParser(fields);
  private final ChoiceStateParser choiceStates = new ChoiceStateParser(fields);
  private final TaskStateParser taskStates;
  private final ParallelStateParser parallelStates =
      new ParallelStateParser(fields, this::parseBranch);
  private final MapStateParser mapStates = new MapStateParser(fields, this::parseBranch);
  private boolean topJsonata;
  private final Set<String> allNames = new HashSet<>();

  private DefinitionParser(TaskResources resources) {
    this.taskStates = new TaskStateParser(fields, resources);
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
    fields.checkFields(root, StateFields.TOP_FIELDS, "");
    Integer timeout = null;
    if (root.has("TimeoutSeconds")) {
      timeout =
          fields.positiveInt(root.get("TimeoutSeconds"), "TimeoutSeconds", "/TimeoutSeconds", 0);
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
      problems.schema(
          "These fields are required: [States] (a non-empty object)", location + "/States");
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

  /** A Parallel branch or a Map item processor: a state machine of its own, without a timeout. */
  private StateGraph parseBranch(JsonNode node, String location) {
    return parseGraph(node, location, null);
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
            "UNREACHABLE_STATE",
            "State \"" + name + "\" is not reachable.",
            location + "/States/" + name);
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
        // developer guide "Transforming data with JSONata": a JSONata machine has no JSONPath
        // states
        problems.schema(
            "A state cannot use QueryLanguage 'JSONPath' when the state machine's"
                + " QueryLanguage is 'JSONata'",
            at + "/QueryLanguage");
      }
      jsonata = language.equals("JSONata");
    }
    if (jsonata) {
      allowed = StateFields.JSONATA_STATE_FIELDS.get(type);
    }
    Set<String> all = new HashSet<>(allowed);
    all.addAll(StateFields.COMMON);
    fields.checkFields(node, all, at, jsonata, type);
    boolean terminalType = type.equals("Choice") || type.equals("Succeed") || type.equals("Fail");
    String next = fields.text(node, "Next", at);
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
    State.Common common =
        jsonata
            ? new State.Common(
                name,
                next,
                end || terminalType,
                InputPath.DEFAULT,
                null,
                null,
                ResultPath.DEFAULT,
                OutputPath.DEFAULT,
                errorParser.errorHandling(node, at, true),
                true,
                true,
                fields.jsonataTemplate(node, "Arguments", at),
                fields.jsonataTemplate(node, "Output", at),
                fields.assign(node.get("Assign"), true, at))
            : new State.Common(
                name,
                next,
                end || terminalType,
                fields.inputPath(node, at),
                fields.template(node, "Parameters", at),
                node.has("ResultSelector") ? fields.resultSelector(node, at) : null,
                fields.resultPath(node, "ResultPath", at),
                fields.outputPath(node, at),
                errorParser.errorHandling(node, at, false),
                // Conservative: any "$$" in the state's JSON (paths, templates, choice rules,
                // nested
                // branches) means its run builds the context object; most states never need it.
                node.toString().contains("$$"),
                false,
                null,
                null,
                fields.assign(node.get("Assign"), false, at));
    try {
      return switch (type) {
        case "Pass" -> new PassState(common, node.get("Result"));
        case "Succeed" -> new SucceedState(common);
        case "Fail" ->
            jsonata ? failStates.jsonataFail(common, node, at) : failStates.fail(common, node, at);
        case "Wait" ->
            jsonata
                ? waitStates.jsonataWait(common, node, at)
                : waitStates.waitState(common, node, at);
        case "Choice" -> choiceStates.choice(common, node, at, jsonata);
        case "Task" ->
            jsonata ? taskStates.jsonataTask(common, node, at) : taskStates.task(common, node, at);
        case "Parallel" -> parallelStates.parallel(common, node, at);
        case "Map" -> mapStates.map(common, node, at, jsonata, topJsonata);
        default -> null;
      };
    } catch (IllegalArgumentException e) {
      problems.schema(e.getMessage(), at);
      return null;
    }
  }
}
