package dev.sqlup.local.asl.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.jsonata.JsonataScope;
import dev.sqlup.local.asl.jsonata.JsonataTemplate;
import dev.sqlup.local.asl.model.StatesError;
import dev.sqlup.local.asl.path.VariablePaths;
import dev.sqlup.local.asl.state.StateContext.BranchJob;
import dev.sqlup.local.asl.state.fields.Parameters;
import java.util.ArrayList;
import java.util.List;

/**
 * The Distributed-only fields of a Map state (developer guide "Using Map state in Distributed
 * mode"): Label, ItemBatcher (MaxItemsPerBatch[Path], MaxInputBytesPerBatch[Path], BatchInput), and
 * ToleratedFailurePercentage[Path] / ToleratedFailureCount[Path]; numbers may also be JSONata
 * expressions in a JSONata state. {@code express}: ProcessorConfig ExecutionType EXPRESS.
 */
public record DistributedFields(
    String label,
    String childDefinition,
    boolean express,
    boolean batching,
    Number maxItems,
    Number maxBytes,
    Parameters batchInput,
    JsonataTemplate batchInputJsonata,
    Number toleratedPercentage,
    Number toleratedCount) {

  /** A number given literally, by a JSONPath (…Path field) or by a JSONata expression. */
  public record Number(Double literal, String path, JsonataTemplate expression) {
    double resolve(
        String field,
        JsonNode effectiveInput,
        StateContext ctx,
        JsonataScope scope,
        double min,
        double max) {
      if (literal != null) {
        return literal;
      }
      JsonNode value =
          path != null
              ? VariablePaths.read(
                  field + "Path", path, effectiveInput, ctx::contextObject, ctx.variables())
              : expression.evaluate(scope);
      if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
        throw new StatesError(
            path != null ? "States.Runtime" : "States.QueryEvaluationError",
            "The value of the field '"
                + (path != null ? field + "Path" : field)
                + "' must be a number between "
                + (long) min
                + " and "
                + (long) max
                + ", but was '"
                + value
                + "'");
      }
      return value.asDouble();
    }
  }

  JsonNode run(
      StateContext ctx,
      String stateName,
      StateGraph processor,
      List<BranchJob> jobs,
      int concurrency,
      JsonNode effectiveInput,
      JsonataScope scope) {
    Double percentage =
        toleratedPercentage == null
            ? null
            : toleratedPercentage.resolve(
                "ToleratedFailurePercentage", effectiveInput, ctx, scope, 0, 100);
    Long count =
        toleratedCount == null
            ? null
            : (long)
                toleratedCount.resolve(
                    "ToleratedFailureCount", effectiveInput, ctx, scope, 0, Long.MAX_VALUE);
    int itemsPerBatch =
        maxItems == null
            ? 0
            : (int)
                maxItems.resolve("MaxItemsPerBatch", effectiveInput, ctx, scope, 0, 100_000_000);
    long bytesPerBatch =
        maxBytes == null
            ? 0
            : (long)
                maxBytes.resolve(
                    "MaxInputBytesPerBatch", effectiveInput, ctx, scope, 0, 256 * 1024);
    JsonNode batchJson = null;
    if (batchInputJsonata != null) {
      batchJson = batchInputJsonata.evaluate(scope);
    } else if (batchInput != null) {
      batchJson = batchInput.apply(effectiveInput, null, ctx.variables(), ctx.random());
    }
    List<JsonNode> items = new ArrayList<>();
    jobs.forEach(job -> items.add(job.input()));
    List<JsonNode> inputs = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    DistributedMap.Config config =
        new DistributedMap.Config(
            label, childDefinition, itemsPerBatch, bytesPerBatch, batching, express);
    DistributedMap.batch(items, config, batchJson, inputs, counts);
    return DistributedMap.run(
        ctx, stateName, config, processor, inputs, counts, concurrency, percentage, count);
  }
}
