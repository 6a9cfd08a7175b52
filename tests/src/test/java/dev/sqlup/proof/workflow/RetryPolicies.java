package dev.sqlup.proof.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The state machines' one Retry/Catch policy table ({@code statemachine/retry-policies.json}) and
 * the check that every Task state of a definition follows the policy the table names for it. Nested
 * states (Parallel branches, Map processors) count as well.
 */
final class RetryPolicies {
  /**
   * Stands for the state's own {@code Next} in a policy's Catch (an announce goes on to its next
   * state).
   */
  static final String OWN_NEXT = "$Next";

  private final JsonNode table;

  RetryPolicies(JsonNode table) {
    this.table = table;
  }

  /**
   * Every way {@code definition} (the file named {@code machine}) departs from the table; empty
   * when none.
   */
  List<String> problems(String machine, JsonNode definition) {
    List<String> problems = new ArrayList<>();
    JsonNode declared = table.path("stateMachines").path(machine);
    List<String> tasks = new ArrayList<>();
    collectTasks(definition.path("States"), "", tasks, definition, problems, declared);
    Iterator<String> names = declared.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!tasks.contains(name)) {
        problems.add(
            machine + ": the table names " + name + ", which is not a Task state of the machine");
      }
    }
    return problems;
  }

  private void collectTasks(
      JsonNode states,
      String prefix,
      List<String> tasks,
      JsonNode root,
      List<String> problems,
      JsonNode declared) {
    for (Map.Entry<String, JsonNode> e : iterable(states)) {
      String name = prefix + e.getKey();
      JsonNode state = e.getValue();
      if ("Task".equals(state.path("Type").asText())) {
        tasks.add(name);
        check(name, state, declared, problems);
      }
      for (JsonNode branch : state.path("Branches")) {
        collectTasks(branch.path("States"), name + "/", tasks, root, problems, declared);
      }
      JsonNode processor =
          state.has("ItemProcessor") ? state.get("ItemProcessor") : state.path("Iterator");
      collectTasks(processor.path("States"), name + "/", tasks, root, problems, declared);
    }
  }

  private void check(String name, JsonNode state, JsonNode declared, List<String> problems) {
    String policyName = declared.path(name).asText(null);
    if (policyName == null) {
      problems.add(
          name + ": no policy in statemachine/retry-policies.json (every Task state names one)");
      return;
    }
    JsonNode policy = table.path("policies").path(policyName);
    if (policy.isMissingNode()) {
      problems.add(name + ": names the unknown policy " + policyName);
      return;
    }
    if (!policy.path("Retry").equals(state.path("Retry"))) {
      problems.add(
          name
              + ": Retry differs from policy "
              + policyName
              + ": "
              + state.path("Retry")
              + " vs "
              + policy.path("Retry"));
    }
    JsonNode expectedCatch = withOwnNext(policy.path("Catch"), state.path("Next"));
    if (!expectedCatch.equals(state.path("Catch"))) {
      problems.add(
          name
              + ": Catch differs from policy "
              + policyName
              + ": "
              + state.path("Catch")
              + " vs "
              + expectedCatch);
    }
  }

  private static JsonNode withOwnNext(JsonNode catchers, JsonNode next) {
    JsonNode copy = catchers.deepCopy();
    for (JsonNode catcher : copy) {
      if (OWN_NEXT.equals(catcher.path("Next").asText()) && catcher instanceof ObjectNode object) {
        object.set("Next", next.isMissingNode() ? TextNode.valueOf("(no Next)") : next);
      }
    }
    return copy;
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
    return object::fields;
  }
}
