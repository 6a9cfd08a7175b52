package dev.sqlup.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlup.local.runtime.UserException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A state machine definition as a graph: one node per state, edges for Next / Default / Choices
 * (with the condition text) / Catch (dashed), Parallel branches and Map item processors as nested
 * groups, and an optional execution path (the states an execution entered, the transitions it took,
 * where it failed). Rendered as Mermaid ({@link MermaidRenderer}) or Graphviz DOT ({@link
 * DotRenderer}).
 */
public final class AslGraph {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A state; {@code group} is the id of the enclosing Parallel/Map group, or null at the top. */
  record Node(String id, String name, String type, String group) {}

  /** A group (a Parallel branch or a Map's item processor) inside a state. */
  record Group(String id, String label, String parent) {}

  /** {@code kind}: next, choice, default, catch, start, end. */
  record Edge(String from, String to, String label, String kind) {}

  private final List<Node> nodes = new ArrayList<>();
  private final List<Group> groups = new ArrayList<>();
  private final List<Edge> edges = new ArrayList<>();
  private final Set<String> visited = new LinkedHashSet<>();
  private final Set<String> failed = new LinkedHashSet<>();
  private final Set<String> takenEdges = new LinkedHashSet<>();
  private int counter;

  private AslGraph() {}

  /** Builds the graph of a definition (ASL JSON text). */
  public static AslGraph of(String definition) {
    JsonNode root;
    try {
      root = JSON.readTree(definition);
    } catch (Exception e) {
      throw new UserException(
          "the definition is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (root == null || !root.path("States").isObject() || !root.path("StartAt").isTextual()) {
      throw new UserException(
          "the definition has no StartAt/States: is it an Amazon States Language file?");
    }
    AslGraph graph = new AslGraph();
    graph.addMachine(root, null, "asl_start", "asl_end");
    return graph;
  }

  private String nextId() {
    return "s" + counter++;
  }

  /** Adds a (sub)machine and returns the ids of its start and end markers. */
  private void addMachine(JsonNode machine, String group, String startId, String endId) {
    Map<String, String> ids = new LinkedHashMap<>();
    for (Iterator<String> it = machine.path("States").fieldNames(); it.hasNext(); ) {
      ids.put(it.next(), nextId());
    }
    String startAt = machine.path("StartAt").asText();
    if (!ids.containsKey(startAt)) {
      throw new UserException("StartAt " + startAt + " is not a state of the definition");
    }
    edges.add(new Edge(startId, ids.get(startAt), null, "start"));
    for (Iterator<Map.Entry<String, JsonNode>> it = machine.path("States").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      JsonNode state = e.getValue();
      String id = ids.get(name);
      String type = state.path("Type").asText("?");
      nodes.add(new Node(id, name, type, group));
      if (type.equals("Parallel")) {
        int i = 1;
        for (JsonNode branch : state.path("Branches")) {
          String g = id + "_b" + i;
          groups.add(new Group(g, "Branch " + i, id));
          addMachine(branch, g, g + "_start", g + "_end");
          i++;
        }
      } else if (type.equals("Map")) {
        JsonNode processor =
            state.has("ItemProcessor") ? state.get("ItemProcessor") : state.get("Iterator");
        if (processor != null) {
          String g = id + "_items";
          groups.add(new Group(g, "each item", id));
          addMachine(processor, g, g + "_start", g + "_end");
        }
      }
      if (state.has("Next")) {
        edges.add(new Edge(id, target(ids, state.get("Next").asText(), name), null, "next"));
      }
      if (type.equals("Choice")) {
        for (JsonNode choice : state.path("Choices")) {
          edges.add(
              new Edge(
                  id,
                  target(ids, choice.path("Next").asText(), name),
                  condition(choice),
                  "choice"));
        }
        if (state.has("Default")) {
          edges.add(
              new Edge(id, target(ids, state.get("Default").asText(), name), "Default", "default"));
        }
      }
      for (JsonNode c : state.path("Catch")) {
        List<String> errors = new ArrayList<>();
        c.path("ErrorEquals").forEach(x -> errors.add(x.asText()));
        edges.add(
            new Edge(
                id,
                target(ids, c.path("Next").asText(), name),
                String.join(", ", errors),
                "catch"));
      }
      if (state.path("End").asBoolean() || type.equals("Succeed") || type.equals("Fail")) {
        edges.add(new Edge(id, endId, null, "end"));
      }
    }
  }

  private static String target(Map<String, String> ids, String name, String from) {
    String id = ids.get(name);
    if (id == null) {
      throw new UserException(
          "state " + from + " goes to " + name + ", which is not a state of its machine");
    }
    return id;
  }

  /**
   * The condition of a Choice rule as text: {@code $.x > 3}, {@code (a) and (b)}, a JSONata
   * Condition.
   */
  static String condition(JsonNode rule) {
    if (rule.has("Condition")) {
      return rule.get("Condition").asText();
    }
    if (rule.has("And") || rule.has("Or")) {
      String op = rule.has("And") ? " and " : " or ";
      List<String> parts = new ArrayList<>();
      rule.get(rule.has("And") ? "And" : "Or").forEach(r -> parts.add("(" + condition(r) + ")"));
      return String.join(op, parts);
    }
    if (rule.has("Not")) {
      return "not (" + condition(rule.get("Not")) + ")";
    }
    String variable = rule.path("Variable").asText("?");
    for (Iterator<Map.Entry<String, JsonNode>> it = rule.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String op = e.getKey();
      if (op.equals("Variable")
          || op.equals("Next")
          || op.equals("Comment")
          || op.equals("Assign")
          || op.equals("Output")) {
        continue;
      }
      String value =
          e.getValue().isTextual() ? "\"" + e.getValue().asText() + "\"" : e.getValue().toString();
      String symbol =
          switch (op.replaceFirst("^(String|Numeric|Timestamp|Boolean)", "").replace("Path", "")) {
            case "Equals" -> "==";
            case "LessThan" -> "<";
            case "GreaterThan" -> ">";
            case "LessThanEquals" -> "<=";
            case "GreaterThanEquals" -> ">=";
            default -> op;
          };
      if (op.startsWith("Is")) {
        return variable + " " + op + " " + value;
      }
      if (op.equals("StringMatches")) {
        return variable + " matches " + value;
      }
      if (op.endsWith("Path")) {
        value = e.getValue().asText();
      }
      return variable + " " + symbol + " " + value;
    }
    return variable;
  }

  /**
   * Marks the path of an execution from its history: GetExecutionHistory's JSON ({@code
   * {"events":[...]}}) or a bare event list. Entered states are highlighted, consecutive ones mark
   * the edge between them, and the state an execution or branch failed in is marked failed.
   */
  public AslGraph withHistory(String historyJson) {
    JsonNode root;
    try {
      root = JSON.readTree(historyJson);
    } catch (Exception e) {
      throw new UserException(
          "the execution history is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    JsonNode events =
        root != null && root.isArray() ? root : root == null ? null : root.get("events");
    if (events == null || !events.isArray()) {
      throw new UserException(
          "the execution history has no events: pass the output of `aws stepfunctions get-execution-history`");
    }
    Map<String, String> idsByName = new LinkedHashMap<>();
    for (Node n : nodes) {
      idsByName.putIfAbsent(n.name(), n.id());
    }
    String previous = null;
    String lastEntered = null;
    for (JsonNode event : events) {
      String type = event.path("type").asText();
      JsonNode entered = event.get("stateEnteredEventDetails");
      if (entered != null) {
        String id = idsByName.get(entered.path("name").asText());
        if (id != null) {
          visited.add(id);
          if (previous != null) {
            takenEdges.add(previous + ">" + id);
          }
          previous = id;
          lastEntered = id;
        }
      }
      if ((type.equals("ExecutionFailed")
              || type.equals("ExecutionTimedOut")
              || type.equals("ExecutionAborted"))
          && lastEntered != null) {
        failed.add(lastEntered);
      }
    }
    return this;
  }

  /** Mermaid flowchart text. */
  public String toMermaid() {
    return MermaidRenderer.render(this);
  }

  /** Graphviz DOT text (clusters for Parallel/Map). */
  public String toDot() {
    return DotRenderer.render(this);
  }

  /** The states directly in {@code group} (null: the top-level machine), in definition order. */
  List<Node> nodesIn(String group) {
    return nodes.stream().filter(n -> java.util.Objects.equals(n.group(), group)).toList();
  }

  List<Edge> edges() {
    return edges;
  }

  /** The groups (branches, item processors) inside the state {@code nodeId}. */
  List<Group> groupsIn(String nodeId) {
    return groups.stream().filter(g -> g.parent().equals(nodeId)).toList();
  }

  Set<String> visited() {
    return visited;
  }

  /** The states an execution or branch failed in. */
  Set<String> failed() {
    return failed;
  }

  /** Whether the execution went along {@code e}. */
  boolean taken(Edge e) {
    return takenEdges.contains(e.from() + ">" + e.to());
  }
}
