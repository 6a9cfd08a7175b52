package dev.sqlup.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Which fields each state type has in each query language (states-language.net; developer guide
 * "Transforming data with JSONata" for the JSONata set), and the check that reports the others: a
 * field of the other query language gets a message saying so, an unknown one AWS's "not supported".
 */
final class StateFields {
  static final Set<String> TOP_FIELDS =
      Set.of("Comment", "StartAt", "States", "TimeoutSeconds", "Version", "QueryLanguage");
  static final Set<String> BRANCH_FIELDS =
      Set.of("Comment", "StartAt", "States", "ProcessorConfig");
  static final Set<String> COMMON = Set.of("Type", "Comment", "QueryLanguage");
  static final Map<String, Set<String>> FIELDS =
      Map.of(
          "Pass",
          Set.of(
              "Next",
              "End",
              "InputPath",
              "OutputPath",
              "ResultPath",
              "Parameters",
              "Result",
              "Assign"),
          "Task",
          Set.of(
              "Next",
              "End",
              "InputPath",
              "OutputPath",
              "ResultPath",
              "Parameters",
              "ResultSelector",
              "Retry",
              "Catch",
              "Resource",
              "TimeoutSeconds",
              "TimeoutSecondsPath",
              "HeartbeatSeconds",
              "HeartbeatSecondsPath",
              "Credentials",
              "Assign"),
          "Choice",
          Set.of("InputPath", "OutputPath", "Choices", "Default", "Assign"),
          "Wait",
          Set.of(
              "Next",
              "End",
              "InputPath",
              "OutputPath",
              "Seconds",
              "SecondsPath",
              "Timestamp",
              "TimestampPath",
              "Assign"),
          "Succeed",
          Set.of("InputPath", "OutputPath"),
          "Fail",
          Set.of("Error", "ErrorPath", "Cause", "CausePath"),
          "Parallel",
          Set.of(
              "Next",
              "End",
              "InputPath",
              "OutputPath",
              "ResultPath",
              "Parameters",
              "ResultSelector",
              "Retry",
              "Catch",
              "Branches",
              "Assign"),
          "Map",
          Set.of(
              "Next",
              "End",
              "InputPath",
              "OutputPath",
              "ResultPath",
              "Parameters",
              "ResultSelector",
              "Retry",
              "Catch",
              "ItemsPath",
              "ItemSelector",
              "ItemProcessor",
              "Iterator",
              "MaxConcurrency",
              "MaxConcurrencyPath",
              "Assign"));

  /**
   * The fields of a state whose QueryLanguage is JSONata (developer guide "Transforming data with
   * JSONata": the five JSONPath fields give way to Arguments and Output; no *Path fields).
   */
  static final Map<String, Set<String>> JSONATA_STATE_FIELDS =
      Map.of(
          "Pass",
          Set.of("Next", "End", "Output", "Assign"),
          "Task",
          Set.of(
              "Next",
              "End",
              "Arguments",
              "Output",
              "Assign",
              "Retry",
              "Catch",
              "Resource",
              "TimeoutSeconds",
              "HeartbeatSeconds",
              "Credentials"),
          "Choice",
          Set.of("Choices", "Default", "Output", "Assign"),
          "Wait",
          Set.of("Next", "End", "Seconds", "Timestamp", "Output", "Assign"),
          "Succeed",
          Set.of("Output"),
          "Fail",
          Set.of("Error", "Cause"),
          "Parallel",
          Set.of("Next", "End", "Arguments", "Output", "Assign", "Retry", "Catch", "Branches"),
          "Map",
          Set.of(
              "Next",
              "End",
              "Output",
              "Assign",
              "Retry",
              "Catch",
              "Items",
              "ItemSelector",
              "ItemProcessor",
              "Iterator",
              "MaxConcurrency"));

  /** Fields only JSONata states have. */
  static final Set<String> JSONATA_FIELDS = Set.of("Output", "Arguments", "Items", "Condition");

  /** Distributed Map fields: the engine runs Map in INLINE mode only. */
  static final Set<String> DISTRIBUTED_FIELDS = DistributedMapFields.FIELDS;

  private final Problems problems;

  StateFields(Problems problems) {
    this.problems = problems;
  }

  /**
   * Unknown fields; for a state, the fields of the other query language get a message saying so.
   */
  void check(JsonNode node, Set<String> allowed, String at, boolean jsonata, String type) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String field = names.next();
      if (field.equals("QueryLanguage")) {
        String language = node.get(field).asText();
        if (!language.equals("JSONata") && !language.equals("JSONPath")) {
          problems.schema("QueryLanguage must be JSONPath or JSONata", at + "/QueryLanguage");
        }
        continue;
      }
      if (DISTRIBUTED_FIELDS.contains(field) && allowed.contains("ItemProcessor")) {
        continue; // checked by DistributedMapFields
      }
      if (allowed.contains(field)) {
        continue;
      }
      if (jsonata && type != null && isJsonPathField(field, type)) {
        problems.schema(
            "The field '"
                + field
                + "' is not supported when QueryLanguage is JSONata"
                + " (JSONata states use Arguments, Output and {% %} expressions)",
            at + "/" + field);
      } else if (!jsonata && JSONATA_FIELDS.contains(field)) {
        problems.schema(jsonataOnly(field), at + "/" + field);
      } else {
        problems.schema(
            "The field '" + field + "' is not supported by Step Functions", at + "/" + field);
      }
    }
  }

  private static boolean isJsonPathField(String field, String type) {
    Set<String> jsonPath = FIELDS.get(type);
    return (jsonPath != null && jsonPath.contains(field))
        || Set.of("ResultPath", "InputPath", "OutputPath", "Parameters", "ResultSelector")
            .contains(field);
  }

  static String jsonataOnly(String field) {
    return "The field '" + field + "' is only supported when QueryLanguage is JSONata";
  }
}
