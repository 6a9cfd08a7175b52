package dev.sqlup.local.asl.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.asl.StatesError;
import dev.sqlup.local.asl.definition.Parameters;
import dev.sqlup.local.asl.path.JsonPaths;
import dev.sqlup.local.asl.runtime.StateContext;
import dev.sqlup.local.asl.runtime.StateContext.BranchJob;
import java.util.ArrayList;
import java.util.List;

/**
 * Map in INLINE mode (spec "Map State"; developer guide "Map state in Inline mode"): ItemsPath selects
 * an array, ItemSelector (or the legacy Parameters) shapes each item with {@code $$.Map.Item.Index} and
 * {@code $$.Map.Item.Value} in scope, the ItemProcessor runs per item up to MaxConcurrency at a time (0 =
 * no limit), and the result is the array of iteration outputs in item order.
 */
public final class MapState extends State {
  private final String itemsPath;
  private final Parameters itemSelector;
  private final int maxConcurrency;
  private final String maxConcurrencyPath;
  private final StateGraph processor;

  public MapState(
      Common common,
      String itemsPath,
      Parameters itemSelector,
      int maxConcurrency,
      String maxConcurrencyPath,
      StateGraph processor) {
    super(common);
    this.itemsPath = itemsPath;
    this.itemSelector = itemSelector;
    this.maxConcurrency = maxConcurrency;
    this.maxConcurrencyPath = maxConcurrencyPath;
    this.processor = processor;
  }

  public StateGraph processor() {
    return processor;
  }

  @Override
  public String type() {
    return "Map";
  }

  @Override
  protected Outcome execute(StateContext ctx, JsonNode effectiveInput, JsonNode rawInput) {
    JsonNode items = JsonPaths.read("ItemsPath", itemsPath, effectiveInput);
    if (!items.isArray()) {
      throw new StatesError(
          "States.Runtime",
          "Map state input must be an array but was: " + items.getNodeType()
              + " (ItemsPath '" + itemsPath + "')");
    }
    int concurrency = maxConcurrency;
    if (maxConcurrencyPath != null) {
      JsonNode value = JsonPaths.read("MaxConcurrencyPath", maxConcurrencyPath, effectiveInput);
      if (!value.isIntegralNumber() || value.asInt() < 0) {
        throw new StatesError(
            "States.Runtime", "MaxConcurrencyPath must reference a non-negative integer: " + value);
      }
      concurrency = value.asInt();
    }
    ObjectNode started = JsonNodeFactory.instance.objectNode();
    started.put("length", items.size());
    ctx.event("MapStateStarted", "mapStateStartedEventDetails", started);
    List<BranchJob> jobs = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      JsonNode input = item;
      if (itemSelector != null) {
        input = itemSelector.apply(effectiveInput, ctx.contextWithMapItem(i, item), ctx.random());
      }
      jobs.add(new BranchJob(processor, input, name + "[" + i + "]", i));
    }
    try {
      List<JsonNode> outputs = ctx.runBranches(jobs, concurrency);
      ArrayNode result = JsonNodeFactory.instance.arrayNode();
      outputs.forEach(result::add);
      ctx.event("MapStateSucceeded", null, null);
      return Outcome.of(result);
    } catch (StatesError error) {
      ctx.event("MapStateFailed", null, null);
      throw error;
    }
  }
}
