package dev.sqlup.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.jsonata.JsonataExpression;
import dev.sqlup.local.asl.state.DistributedFields;
import dev.sqlup.local.asl.state.MapState;
import dev.sqlup.local.asl.state.State;
import dev.sqlup.local.asl.state.StateGraph;
import dev.sqlup.local.asl.state.fields.Parameters;
import java.util.function.BiFunction;

/**
 * A Map state, inline or distributed: its item processor (read by the definition parser), items and
 * concurrency.
 */
final class MapStateParser {
  private final FieldReader fields;
  private final Problems problems;
  private final BiFunction<JsonNode, String, StateGraph> branchReader;

  MapStateParser(FieldReader fields, BiFunction<JsonNode, String, StateGraph> branchReader) {
    this.fields = fields;
    this.problems = fields.problems;
    this.branchReader = branchReader;
  }

  MapState map(State.Common common, JsonNode node, String at, boolean jsonata, boolean topJsonata) {
    JsonNode processor =
        node.has("ItemProcessor") ? node.get("ItemProcessor") : node.get("Iterator");
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
      fields.checkFields(processor, StateFields.BRANCH_FIELDS, processorAt);
      graph = branchReader.apply(processor, processorAt);
    }
    DistributedFields distributed =
        new DistributedMapFields(problems).read(node, processor, at, jsonata, topJsonata);
    if (jsonata) {
      JsonNode items = node.get("Items");
      if (items != null && !items.isArray() && !JsonataExpression.isExpression(items)) {
        problems.schema(
            "The field 'Items' must be a JSON array or a JSONata expression ({% ... %})",
            at + "/Items");
      }
      MapState.JsonataFields jsonataFields =
          new MapState.JsonataFields(
              fields.jsonataTemplate(node, "Items", at),
              fields.jsonataTemplate(node, "ItemSelector", at),
              node.has("MaxConcurrency")
                      && JsonataExpression.isExpression(node.get("MaxConcurrency"))
                  ? fields.jsonataTemplate(node, "MaxConcurrency", at)
                  : null);
      int max =
          node.has("MaxConcurrency") && !JsonataExpression.isExpression(node.get("MaxConcurrency"))
              ? fields.positiveInt(
                  node.get("MaxConcurrency"), "MaxConcurrency", at + "/MaxConcurrency", 0)
              : 0;
      return new MapState(common, "$", null, max, null, graph, jsonataFields, distributed);
    }
    String selectorField = node.has("ItemSelector") ? "ItemSelector" : "Parameters";
    Parameters selector = fields.template(node, selectorField, at);
    int maxConcurrency = 0;
    if (node.has("MaxConcurrency")) {
      maxConcurrency =
          fields.positiveInt(
              node.get("MaxConcurrency"), "MaxConcurrency", at + "/MaxConcurrency", 0);
    }
    String itemsPath = node.has("ItemsPath") ? fields.referencePath(node, "ItemsPath", at) : "$";
    return new MapState(
        common.withoutParameters(),
        itemsPath == null ? "$" : itemsPath,
        selector,
        maxConcurrency,
        fields.referencePath(node, "MaxConcurrencyPath", at),
        graph,
        null,
        distributed);
  }
}
