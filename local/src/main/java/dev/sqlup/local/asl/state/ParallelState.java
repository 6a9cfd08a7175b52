package dev.sqlup.local.asl.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sqlup.local.asl.model.StatesError;
import dev.sqlup.local.asl.state.StateContext.BranchJob;
import java.util.ArrayList;
import java.util.List;

/**
 * Parallel (spec "Parallel State"): every branch gets the effective input and runs concurrently;
 * the result is the array of branch outputs in branch order. One failing branch stops the others
 * and the state fails with that branch's error.
 */
public final class ParallelState extends State {
  private final List<StateGraph> branches;

  public ParallelState(Common common, List<StateGraph> branches) {
    super(common);
    this.branches = List.copyOf(branches);
  }

  public List<StateGraph> branches() {
    return branches;
  }

  @Override
  public String type() {
    return "Parallel";
  }

  @Override
  protected Outcome execute(StateContext ctx, JsonNode effectiveInput, JsonNode rawInput) {
    ctx.event("ParallelStateStarted", null, null);
    List<BranchJob> jobs = new ArrayList<>();
    for (int i = 0; i < branches.size(); i++) {
      jobs.add(new BranchJob(branches.get(i), effectiveInput, name + "#" + i, null));
    }
    try {
      List<JsonNode> outputs = ctx.runBranches(jobs, 0);
      ArrayNode result = JsonNodeFactory.instance.arrayNode();
      outputs.forEach(result::add);
      ctx.event("ParallelStateSucceeded", null, null);
      return Outcome.of(result);
    } catch (StatesError error) {
      ctx.event("ParallelStateFailed", null, null);
      throw error;
    }
  }
}
