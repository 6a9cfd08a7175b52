package dev.sqlup.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.state.ParallelState;
import dev.sqlup.local.asl.state.State;
import dev.sqlup.local.asl.state.StateGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** A Parallel state: each branch is a state machine of its own, read by the definition parser. */
final class ParallelStateParser {
  private final FieldReader fields;
  private final Problems problems;
  private final BiFunction<JsonNode, String, StateGraph> branchReader;

  ParallelStateParser(FieldReader fields, BiFunction<JsonNode, String, StateGraph> branchReader) {
    this.fields = fields;
    this.problems = fields.problems;
    this.branchReader = branchReader;
  }

  ParallelState parallel(State.Common common, JsonNode node, String at) {
    JsonNode branches = node.get("Branches");
    List<StateGraph> graphs = new ArrayList<>();
    if (branches == null || !branches.isArray() || branches.isEmpty()) {
      problems.schema(
          "These fields are required: [Branches] (a non-empty array)", at + "/Branches");
      return new ParallelState(common, graphs);
    }
    for (int i = 0; i < branches.size(); i++) {
      String branchAt = at + "/Branches/" + i;
      JsonNode branch = branches.get(i);
      if (!branch.isObject()) {
        problems.schema("A branch must be a JSON object", branchAt);
        continue;
      }
      fields.checkFields(branch, StateFields.BRANCH_FIELDS, branchAt);
      StateGraph graph = branchReader.apply(branch, branchAt);
      if (graph != null) {
        // null: the branch's problems are recorded and reject the definition (was an NPE,
        // EngineFuzzTest)
        graphs.add(graph);
      }
    }
    return new ParallelState(common, graphs);
  }
}
