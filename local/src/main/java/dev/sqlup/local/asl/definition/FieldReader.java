package dev.sqlup.local.asl.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.jsonata.JsonataExpression;
import dev.sqlup.local.asl.jsonata.JsonataTemplate;
import dev.sqlup.local.asl.path.JsonPaths;
import dev.sqlup.local.asl.path.VariablePaths;
import dev.sqlup.local.asl.payload.PayloadTemplate;
import dev.sqlup.local.asl.state.fields.Assign;
import dev.sqlup.local.asl.state.fields.InputPath;
import dev.sqlup.local.asl.state.fields.OutputPath;
import dev.sqlup.local.asl.state.fields.Parameters;
import dev.sqlup.local.asl.state.fields.ResultPath;
import dev.sqlup.local.asl.state.fields.ResultSelector;
import java.util.Set;

/**
 * Reads and checks the fields shared by every state type (paths, templates, JSONata fields, Assign,
 * plain values), recording each finding in {@link Problems} and returning null for a bad field.
 */
final class FieldReader {
  final Problems problems;
  private final StateFields fields;

  FieldReader(Problems problems) {
    this.problems = problems;
    this.fields = new StateFields(problems);
  }

  InputPath inputPath(JsonNode node, String at) {
    if (!node.has("InputPath")) {
      return InputPath.DEFAULT;
    }
    return new InputPath(nullablePath(node, "InputPath", at, false));
  }

  OutputPath outputPath(JsonNode node, String at) {
    if (!node.has("OutputPath")) {
      return OutputPath.DEFAULT;
    }
    return new OutputPath(nullablePath(node, "OutputPath", at, false));
  }

  ResultPath resultPath(JsonNode node, String field, String at) {
    if (!node.has(field)) {
      return ResultPath.DEFAULT;
    }
    return new ResultPath(nullablePath(node, field, at, true));
  }

  String nullablePath(JsonNode node, String field, String at, boolean reference) {
    JsonNode value = node.get(field);
    if (value.isNull()) {
      return null;
    }
    // ResultPath MUST NOT reference a variable (spec "State Machine Variables"): no $name here,
    // and MUST NOT begin with "$$" (spec "Using InputPath, ... ResultPath and OutputPath")
    if (reference && value.isTextual() && value.asText().startsWith("$$")) {
      problems.error(
          "INVALID_JSON_PATH",
          "The value for the field '" + field + "' must not begin with '$$': " + value,
          at + "/" + field);
      return null;
    }
    return path(node, field, at, reference);
  }

  String path(JsonNode node, String field, String at, boolean reference) {
    JsonNode value = node.get(field);
    if (value == null) {
      return null;
    }
    String path = value.isTextual() ? value.asText() : null;
    boolean ok =
        path != null
            && (reference ? JsonPaths.isValidReferencePath(path) : JsonPaths.isValidPath(path));
    if (!ok) {
      problems.error(
          "INVALID_JSON_PATH",
          "The value for the field '"
              + field
              + "' must be a valid "
              + (reference ? "Reference Path" : "JSONPath")
              + ": "
              + value,
          at + "/" + field);
      return null;
    }
    return path;
  }

  /**
   * A {@code ...Path} field (ItemsPath, SecondsPath, TimeoutSecondsPath, ...): a Reference Path
   * into the input or the context, or a reference to a variable ({@code $name}, {@code
   * $name.field}).
   */
  String referencePath(JsonNode node, String field, String at) {
    JsonNode value = node.get(field);
    if (value != null
        && value.isTextual()
        && VariablePaths.isVariablePath(value.asText())
        && VariablePaths.isReferencePath(value.asText())) {
      return value.asText();
    }
    return path(node, field, at, true);
  }

  Parameters template(JsonNode node, String field, String at) {
    if (!node.has(field)) {
      return null;
    }
    try {
      return new Parameters(PayloadTemplate.compile(node.get(field)));
    } catch (IllegalArgumentException e) {
      problems.error(
          e.getMessage() != null && e.getMessage().contains("ntrinsic")
              ? "INVALID_INTRINSIC_FUNCTION"
              : "INVALID_JSON_PATH",
          field + ": " + e.getMessage(),
          at + "/" + field);
      return null;
    }
  }

  ResultSelector resultSelector(JsonNode node, String at) {
    Parameters p = template(node, "ResultSelector", at);
    return p == null ? null : new ResultSelector(p.template());
  }

  String text(JsonNode node, String field, String at) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      problems.schema("The field '" + field + "' must be a string", at + "/" + field);
      return null;
    }
    return value.asText();
  }

  int positiveInt(JsonNode value, String field, String at, int min) {
    if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > 99_999_999L) {
      problems.schema(field + " must be an integer between " + min + " and 99999999", at);
      return min;
    }
    return value.asInt();
  }

  void checkFields(JsonNode node, Set<String> allowed, String at) {
    fields.check(node, allowed, at, false, null);
  }

  void checkFields(JsonNode node, Set<String> allowed, String at, boolean jsonata, String type) {
    fields.check(node, allowed, at, jsonata, type);
  }

  JsonataExpression expression(String text, String at) {
    try {
      return JsonataExpression.compile(text);
    } catch (IllegalArgumentException e) {
      problems.error("SCHEMA_VALIDATION_FAILED", e.getMessage(), at);
      return null;
    }
  }

  JsonataTemplate jsonataTemplate(JsonNode node, String field, String at) {
    JsonNode value = node.get(field);
    if (value == null) {
      return null;
    }
    try {
      return JsonataTemplate.compile(value, field);
    } catch (IllegalArgumentException e) {
      problems.error("SCHEMA_VALIDATION_FAILED", e.getMessage(), at + "/" + field);
      return null;
    }
  }

  JsonataTemplate stringOrExpression(JsonNode node, String field, String at) {
    JsonNode value = node.get(field);
    if (value != null && !value.isTextual()) {
      problems.schema(
          "The field '" + field + "' must be a string or a JSONata expression", at + "/" + field);
      return null;
    }
    return jsonataTemplate(node, field, at);
  }

  JsonataTemplate integerOrExpression(JsonNode node, String field, String at, int min) {
    JsonNode value = node.get(field);
    if (value == null) {
      return null;
    }
    if (!JsonataExpression.isExpression(value)) {
      positiveInt(value, field, at + "/" + field, min);
    }
    return jsonataTemplate(node, field, at);
  }

  Assign assign(JsonNode value, boolean jsonata, String at) {
    if (value == null) {
      return null;
    }
    try {
      return Assign.compile(value, jsonata, at);
    } catch (IllegalArgumentException e) {
      problems.schema(e.getMessage(), at + "/Assign");
      return null;
    }
  }
}
