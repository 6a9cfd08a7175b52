package dev.sqlup.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.asl.jsonata.JsonataExpression;
import dev.sqlup.local.asl.jsonata.JsonataTemplate;
import dev.sqlup.local.asl.path.VariablePaths;
import dev.sqlup.local.asl.payload.PayloadTemplate;
import dev.sqlup.local.asl.state.DistributedFields;
import dev.sqlup.local.asl.state.fields.Parameters;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks the Distributed Map fields of a Map state (developer guide "Using Map state in
 * Distributed mode"; "ItemBatcher"; "Setting failure thresholds"; "Label"): in INLINE mode they are
 * rejected as AWS documents them for DISTRIBUTED mode only; ItemReader and ResultWriter need Amazon
 * S3, which the local runtime does not have, and are rejected with a message saying so.
 */
final class DistributedMapFields {
  static final Set<String> FIELDS =
      Set.of(
          "ItemReader",
          "ItemBatcher",
          "ResultWriter",
          "ToleratedFailurePercentage",
          "ToleratedFailureCount",
          "ToleratedFailurePercentagePath",
          "ToleratedFailureCountPath",
          "Label");

  /** Developer guide "Label": up to 40 characters, no whitespace or special characters. */
  private static final Pattern LABEL =
      Pattern.compile("[^\\s?*<>{}\\[\\]:\"#%\\\\^|~`$&,;/\\u0000-\\u001f\\u007f-\\u009f]{1,40}");

  private final Problems problems;

  DistributedMapFields(Problems problems) {
    this.problems = problems;
  }

  /** Null for an INLINE Map (after reporting any Distributed-only field). */
  DistributedFields read(
      JsonNode node, JsonNode processor, String at, boolean jsonata, boolean topJsonata) {
    JsonNode config = processor == null ? null : processor.get("ProcessorConfig");
    String mode = config == null ? "INLINE" : config.path("Mode").asText("INLINE");
    if (config != null) {
      checkConfig(config, mode, at);
    }
    for (String f : Set.of("ItemReader", "ResultWriter")) {
      if (node.has(f)) {
        problems.schema(
            "The field '"
                + f
                + "' reads or writes Amazon S3, which the local runtime does not"
                + " provide: give the Map its items with "
                + (jsonata ? "Items" : "ItemsPath")
                + " and use its output instead",
            at + "/" + f);
      }
    }
    if (!mode.equals("DISTRIBUTED")) {
      for (String f : FIELDS) {
        if (node.has(f) && !f.equals("ItemReader") && !f.equals("ResultWriter")) {
          problems.schema(
              "The field '"
                  + f
                  + "' is only supported for a Map state whose"
                  + " ProcessorConfig.Mode is DISTRIBUTED",
              at + "/" + f);
        }
      }
      return null;
    }
    String label = null;
    if (node.has("Label")) {
      label = node.get("Label").asText();
      if (!node.get("Label").isTextual() || !LABEL.matcher(label).matches()) {
        problems.schema(
            "Label must be 1 to 40 characters without whitespace or special characters",
            at + "/Label");
      }
    }
    JsonNode batcher = node.get("ItemBatcher");
    DistributedFields.Number maxItems = null;
    DistributedFields.Number maxBytes = null;
    PayloadTemplate batchInput = null;
    JsonataTemplate batchInputJsonata = null;
    if (batcher != null) {
      String bAt = at + "/ItemBatcher";
      checkOnly(
          batcher,
          Set.of(
              "MaxItemsPerBatch",
              "MaxItemsPerBatchPath",
              "MaxInputBytesPerBatch",
              "MaxInputBytesPerBatchPath",
              "BatchInput"),
          bAt);
      maxItems = number(batcher, "MaxItemsPerBatch", bAt, jsonata, 0, 100_000_000);
      maxBytes = number(batcher, "MaxInputBytesPerBatch", bAt, jsonata, 0, 256 * 1024);
      if (maxItems == null && maxBytes == null) {
        problems.schema("ItemBatcher needs MaxItemsPerBatch or MaxInputBytesPerBatch", bAt);
      }
      JsonNode input = batcher.get("BatchInput");
      if (input != null) {
        try {
          if (jsonata) {
            batchInputJsonata = JsonataTemplate.compile(input, "ItemBatcher/BatchInput");
          } else {
            batchInput = PayloadTemplate.compile(input);
          }
        } catch (IllegalArgumentException e) {
          problems.schema(e.getMessage(), bAt + "/BatchInput");
        }
      }
    }
    return new DistributedFields(
        label,
        childDefinition(processor, topJsonata),
        config != null && config.path("ExecutionType").asText("").equals("EXPRESS"),
        batcher != null,
        maxItems,
        maxBytes,
        batchInput == null ? null : new Parameters(batchInput),
        batchInputJsonata,
        number(node, "ToleratedFailurePercentage", at, jsonata, 0, 100),
        number(node, "ToleratedFailureCount", at, jsonata, 0, Long.MAX_VALUE));
  }

  private void checkConfig(JsonNode config, String mode, String at) {
    String cAt = at + "/ItemProcessor/ProcessorConfig";
    checkOnly(config, Set.of("Mode", "ExecutionType"), cAt);
    if (!mode.equals("INLINE") && !mode.equals("DISTRIBUTED")) {
      problems.schema("ProcessorConfig.Mode must be INLINE or DISTRIBUTED", cAt + "/Mode");
    }
    if (mode.equals("DISTRIBUTED")) {
      String type = config.path("ExecutionType").asText("");
      if (!type.equals("STANDARD") && !type.equals("EXPRESS")) {
        problems.schema(
            "ProcessorConfig.ExecutionType must be STANDARD or EXPRESS in DISTRIBUTED mode",
            cAt + "/ExecutionType");
      }
    } else if (config.has("ExecutionType")) {
      problems.schema(
          "ProcessorConfig.ExecutionType is only supported in DISTRIBUTED mode",
          cAt + "/ExecutionType");
    }
  }

  /** A literal number, its ...Path form (JSONPath), or a JSONata expression; null when absent. */
  private DistributedFields.Number number(
      JsonNode node, String field, String at, boolean jsonata, double min, double max) {
    JsonNode value = node.get(field);
    JsonNode path = node.get(field + "Path");
    if (value != null && path != null) {
      problems.schema("Only one of " + field + " and " + field + "Path may be set", at);
      return null;
    }
    if (path != null) {
      if (jsonata) {
        problems.schema(
            "The field '" + field + "Path' is not supported when QueryLanguage is JSONata",
            at + "/" + field + "Path");
        return null;
      }
      if (!path.isTextual() || !VariablePaths.isReferencePath(path.asText())) {
        problems.error(
            "INVALID_JSON_PATH",
            "The value for the field '"
                + field
                + "Path' must be a valid"
                + " Reference Path: "
                + path,
            at + "/" + field + "Path");
        return null;
      }
      return new DistributedFields.Number(null, path.asText(), null);
    }
    if (value == null) {
      return null;
    }
    if (jsonata && JsonataExpression.isExpression(value)) {
      try {
        return new DistributedFields.Number(null, null, JsonataTemplate.compile(value, field));
      } catch (IllegalArgumentException e) {
        problems.schema(e.getMessage(), at + "/" + field);
        return null;
      }
    }
    if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
      problems.schema(
          field + " must be a number between " + (long) min + " and " + (long) max,
          at + "/" + field);
      return null;
    }
    return new DistributedFields.Number(value.asDouble(), null, null);
  }

  private void checkOnly(JsonNode node, Set<String> allowed, String at) {
    if (!node.isObject()) {
      problems.schema("Must be a JSON object", at);
      return;
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String f = names.next();
      if (!allowed.contains(f)) {
        problems.schema("The field '" + f + "' is not supported by Step Functions", at + "/" + f);
      }
    }
  }

  /** The ItemProcessor as a machine definition of its own: what each child execution runs. */
  private static String childDefinition(JsonNode processor, boolean topJsonata) {
    if (processor == null || !processor.isObject()) {
      return null;
    }
    ObjectNode child = processor.deepCopy();
    child.remove("ProcessorConfig");
    if (topJsonata) {
      child.put("QueryLanguage", "JSONata");
    }
    return child.toString();
  }
}
