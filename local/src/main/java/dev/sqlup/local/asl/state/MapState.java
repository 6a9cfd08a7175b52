package dev.sqlup.local.asl.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.asl.jsonata.JsonataScope;
import dev.sqlup.local.asl.jsonata.JsonataTemplate;
import dev.sqlup.local.asl.jsonata.QueryEvaluationError;
import dev.sqlup.local.asl.model.StatesError;
import dev.sqlup.local.asl.path.VariablePaths;
import dev.sqlup.local.asl.state.StateContext.BranchJob;
import dev.sqlup.local.asl.state.fields.Parameters;
import java.util.ArrayList;
import java.util.List;

/**
 * Map in INLINE mode (spec "Map State"; developer guide "Map state in Inline mode"): ItemsPath
 * selects an array, ItemSelector (or the legacy Parameters) shapes each item with {@code
 * $$.Map.Item.Index} and {@code $$.Map.Item.Value} in scope, the ItemProcessor runs per item up to
 * MaxConcurrency at a time (0 = no limit), and the result is the array of iteration outputs in item
 * order.
 */
public final class MapState extends State {
  private final String itemsPath;
  private final Parameters itemSelector;
  private final int maxConcurrency;
  private final String maxConcurrencyPath;
  private final StateGraph processor;
  private final JsonataFields jsonataFields;
  private final DistributedFields distributed;

  /**
   * The JSONata forms: Items (default {@code $states.input}), ItemSelector ({@code
   * $states.context.Map.Item} in scope), MaxConcurrency; any may be null.
   */
  public record JsonataFields(
      JsonataTemplate items, JsonataTemplate itemSelector, JsonataTemplate maxConcurrency) {}

  public MapState(
      Common common,
      String itemsPath,
      Parameters itemSelector,
      int maxConcurrency,
      String maxConcurrencyPath,
      StateGraph processor) {
    this(
        common, itemsPath, itemSelector, maxConcurrency, maxConcurrencyPath, processor, null, null);
  }

  public MapState(
      Common common,
      String itemsPath,
      Parameters itemSelector,
      int maxConcurrency,
      String maxConcurrencyPath,
      StateGraph processor,
      JsonataFields jsonataFields,
      DistributedFields distributed) {
    super(common);
    this.jsonataFields = jsonataFields;
    this.distributed = distributed;
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
    if (jsonata) {
      return executeJsonata(ctx, effectiveInput, rawInput);
    }
    JsonNode items =
        VariablePaths.read(
            "ItemsPath", itemsPath, effectiveInput, ctx::contextObject, ctx.variables());
    if (!items.isArray()) {
      throw new StatesError(
          "States.Runtime",
          "Map state input must be an array but was: "
              + items.getNodeType()
              + " (ItemsPath '"
              + itemsPath
              + "')");
    }
    int concurrency = maxConcurrency;
    if (maxConcurrencyPath != null) {
      JsonNode value =
          VariablePaths.read(
              "MaxConcurrencyPath",
              maxConcurrencyPath,
              effectiveInput,
              ctx::contextObject,
              ctx.variables());
      if (!value.isIntegralNumber() || value.asInt() < 0) {
        throw new StatesError(
            "States.Runtime", "MaxConcurrencyPath must reference a non-negative integer: " + value);
      }
      concurrency = value.asInt();
    }
    started(ctx, items);
    List<BranchJob> jobs = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      JsonNode input = item;
      if (itemSelector != null) {
        input =
            itemSelector.apply(
                effectiveInput, ctx.contextWithMapItem(i, item), ctx.variables(), ctx.random());
      }
      jobs.add(new BranchJob(processor, input, name + "[" + i + "]", i));
    }
    return runIterations(ctx, items, jobs, concurrency, effectiveInput, null);
  }

  private Outcome executeJsonata(StateContext ctx, JsonNode effectiveInput, JsonNode rawInput) {
    JsonataScope scope = scope(ctx, rawInput);
    JsonNode items =
        jsonataFields.items() == null ? effectiveInput : jsonataFields.items().evaluate(scope);
    if (!items.isArray()) {
      throw new QueryEvaluationError(
          "Items",
          "The value of the field 'Items' must be an array, but was: " + items.getNodeType());
    }
    int concurrency = maxConcurrency;
    if (jsonataFields.maxConcurrency() != null) {
      JsonNode value = jsonataFields.maxConcurrency().evaluate(scope);
      if (!value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > 99_999_999L) {
        throw new QueryEvaluationError(
            "MaxConcurrency",
            "The value of the field 'MaxConcurrency' must be an integer between 0 and 99999999, but was '"
                + value
                + "'");
      }
      concurrency = value.asInt();
    }
    started(ctx, items);
    List<BranchJob> jobs = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      JsonNode input = item;
      if (jsonataFields.itemSelector() != null) {
        int index = i;
        input =
            jsonataFields
                .itemSelector()
                .evaluate(scope.withContext(() -> ctx.contextWithMapItem(index, item)));
      }
      jobs.add(new BranchJob(processor, input, name + "[" + i + "]", i));
    }
    return runIterations(ctx, items, jobs, concurrency, effectiveInput, scope);
  }

  private void started(StateContext ctx, JsonNode items) {
    if (distributed != null) {
      return; // a Distributed Map records MapRunStarted instead
    }
    ObjectNode started = JsonNodeFactory.instance.objectNode();
    started.put("length", items.size());
    ctx.event("MapStateStarted", "mapStateStartedEventDetails", started);
  }

  private Outcome runIterations(
      StateContext ctx,
      JsonNode items,
      List<BranchJob> jobs,
      int concurrency,
      JsonNode effectiveInput,
      JsonataScope scope) {
    if (distributed != null) {
      return Outcome.of(
          distributed.run(ctx, name, processor, jobs, concurrency, effectiveInput, scope));
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
