package dev.sqlup.local.asl.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.asl.model.ExecutionStatus;
import dev.sqlup.local.asl.model.StatesError;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Map in DISTRIBUTED mode (developer guide "Using Map state in Distributed mode"): the items (after
 * ItemSelector, grouped by ItemBatcher) each become a child execution of the ItemProcessor, at most
 * MaxConcurrency at a time (0 = no limit; UpdateMapRun may change it while the run goes on). The
 * result is the children's outputs in item order; a failed child contributes its {@code
 * {"Error","Cause"}}. Once the failed items exceed the tolerated count or percentage the run stops
 * its children and the state fails with States.ExceedToleratedFailureThreshold.
 */
final class DistributedMap {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The Distributed-only settings of a Map state, validated at load. */
  record Config(
      String label,
      String childDefinition,
      int maxItemsPerBatch,
      long maxInputBytesPerBatch,
      boolean batching,
      boolean express) {}

  private DistributedMap() {}

  /**
   * {@code inputs}: one child input per batch (or per item); {@code itemsPerInput}: items in each.
   * A Map Run resumed after a restart keeps what its children already produced, waits for the ones
   * still running and starts only the inputs that had no child yet.
   */
  static JsonNode run(
      StateContext ctx,
      String stateName,
      Config config,
      StateGraph processor,
      List<JsonNode> inputs,
      List<Integer> itemsPerInput,
      int maxConcurrency,
      Double toleratedPercentage,
      Long toleratedCount) {
    int items = itemsPerInput.stream().mapToInt(Integer::intValue).sum();
    MapRuns engine = ctx.mapRuns();
    MapRun run =
        engine.start(
            new MapRuns.Request(
                ctx.executionArn(),
                ctx.branchPath(),
                stateName,
                config.label() != null ? config.label() : stateName,
                config.express(),
                maxConcurrency,
                toleratedPercentage,
                toleratedCount,
                items,
                inputs.size()));
    if (!run.resumed()) {
      ObjectNode started = JsonNodeFactory.instance.objectNode();
      started.put("mapRunArn", run.arn());
      ctx.event("MapRunStarted", "mapRunStartedEventDetails", started);
    } else if (!run.status().equals("RUNNING")) {
      return outcomeOfFinished(run, inputs.size());
    }
    List<CompletableFuture<ExecutionInfo>> running = new ArrayList<>();
    List<String> runningArns = new ArrayList<>();
    List<Integer> runningIndex = new ArrayList<>();
    int next = 0;
    try {
      while (true) {
        if (run.thresholdExceeded()) {
          runningArns.forEach(arn -> engine.stop(arn, null, null));
          engine.finish(run, "FAILED", ctx.now());
          ObjectNode failed = JsonNodeFactory.instance.objectNode();
          failed.put("error", THRESHOLD);
          failed.put("cause", THRESHOLD_CAUSE);
          ctx.event("MapRunFailed", "mapRunFailedEventDetails", failed);
          throw new StatesError(THRESHOLD, THRESHOLD_CAUSE);
        }
        int limit = run.maxConcurrency() <= 0 ? Integer.MAX_VALUE : run.maxConcurrency();
        while (next < inputs.size() && running.size() < limit) {
          int index = next++;
          if (run.result(index) != null) {
            continue; // ended before a restart: its result is kept
          }
          ExecutionInfo child =
              engine.startChild(
                  run,
                  index,
                  itemsPerInput.get(index),
                  config.childDefinition(),
                  processor,
                  inputs.get(index).toString());
          running.add(engine.completion(child.executionArn()));
          runningArns.add(child.executionArn());
          runningIndex.add(index);
        }
        if (running.isEmpty()) {
          break;
        }
        ctx.await(CompletableFuture.anyOf(running.toArray(CompletableFuture[]::new)), null);
        for (int i = running.size() - 1; i >= 0; i--) {
          if (running.get(i).isDone()) {
            ExecutionInfo done = running.get(i).join();
            int index = runningIndex.get(i);
            engine.childEnded(run, index, itemsPerInput.get(index), done, output(done));
            running.remove(i);
            runningArns.remove(i);
            runningIndex.remove(i);
          }
        }
      }
    } catch (ExecutionStopped e) {
      runningArns.forEach(arn -> engine.stop(arn, null, null));
      engine.finish(run, "ABORTED", ctx.now());
      throw e;
    }
    engine.finish(run, "SUCCEEDED", ctx.now());
    ctx.event("MapRunSucceeded", null, null);
    return outcomeOfFinished(run, inputs.size());
  }

  private static final String THRESHOLD = "States.ExceedToleratedFailureThreshold";
  private static final String THRESHOLD_CAUSE =
      "The specified tolerated failure threshold was exceeded";

  /**
   * The result of a finished Map Run: its children's contributions in input order, or the threshold
   * error it failed with (a run found finished after a restart ends the same way).
   */
  private static JsonNode outcomeOfFinished(MapRun run, int inputs) {
    if (run.status().equals("FAILED")) {
      throw new StatesError(THRESHOLD, THRESHOLD_CAUSE);
    }
    if (run.status().equals("ABORTED")) {
      throw new ExecutionStopped();
    }
    ArrayNode result = JsonNodeFactory.instance.arrayNode(inputs);
    for (int i = 0; i < inputs; i++) {
      result.add(run.result(i));
    }
    return result;
  }

  private static JsonNode output(ExecutionInfo done) {
    if (done.status() == ExecutionStatus.SUCCEEDED) {
      try {
        return MAPPER.readTree(done.output());
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(
            "a child execution's output is not JSON: " + done.output(), e);
      }
    }
    ObjectNode error = JsonNodeFactory.instance.objectNode();
    error.put("Error", done.error() == null ? "States." + done.status().name() : done.error());
    error.put("Cause", done.cause() == null ? "" : done.cause());
    return error;
  }

  /**
   * ItemBatcher: consecutive items while the batch stays within MaxItemsPerBatch and
   * MaxInputBytesPerBatch; each child gets {@code {"BatchInput": ..., "Items": [...]}}.
   */
  static void batch(
      List<JsonNode> items,
      Config config,
      JsonNode batchInput,
      List<JsonNode> inputs,
      List<Integer> counts) {
    if (!config.batching()) {
      inputs.addAll(items);
      items.forEach(i -> counts.add(1));
      return;
    }
    int maxItems = config.maxItemsPerBatch() <= 0 ? Integer.MAX_VALUE : config.maxItemsPerBatch();
    long maxBytes =
        config.maxInputBytesPerBatch() <= 0 ? 256 * 1024 : config.maxInputBytesPerBatch();
    ArrayNode current = null;
    long bytes = 0;
    for (JsonNode item : items) {
      int size = item.toString().length();
      if (current == null || current.size() >= maxItems || bytes + size > maxBytes) {
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        if (batchInput != null) {
          input.set("BatchInput", batchInput);
        }
        current = input.putArray("Items");
        inputs.add(input);
        counts.add(0);
        bytes = 0;
      }
      current.add(item);
      bytes += size;
      counts.set(counts.size() - 1, counts.get(counts.size() - 1) + 1);
    }
  }
}
