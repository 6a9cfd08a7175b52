package dev.sqlup.local.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.path.JsonPaths;
import dev.sqlup.local.asl.path.VariablePaths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Validates a choice rule and builds its {@link ChoiceRule} tree. */
final class ChoiceRuleCompiler {
  private static final Set<String> TOP_LEVEL_ONLY = Set.of("Next", "Assign");

  /** Guards generated input: real definitions nest a handful of levels. */
  private static final int MAX_DEPTH = 100;

  private ChoiceRuleCompiler() {}

  static ChoiceRule compile(JsonNode rule, String where, boolean topLevel) {
    return compile(rule, where, topLevel, 0);
  }

  private static ChoiceRule compile(JsonNode rule, String where, boolean topLevel, int depth) {
    if (depth > MAX_DEPTH) {
      throw invalid(where, "choice rules are nested more than " + MAX_DEPTH + " levels deep");
    }
    if (rule == null || !rule.isObject()) {
      throw invalid(where, "a choice rule must be a JSON object");
    }
    String booleanKey = null;
    String variable = null;
    String operatorKey = null;
    Iterator<Map.Entry<String, JsonNode>> fields = rule.fields();
    while (fields.hasNext()) {
      String key = fields.next().getKey();
      switch (key) {
        case "Comment" -> {}
        case "Variable" -> variable = key;
        case "And", "Or", "Not" -> {
          if (booleanKey != null) {
            throw invalid(where, "a choice rule has both '" + booleanKey + "' and '" + key + "'");
          }
          booleanKey = key;
        }
        default -> {
          if (TOP_LEVEL_ONLY.contains(key)) {
            if (!topLevel) {
              throw invalid(where, "a nested choice rule must not have '" + key + "'");
            }
          } else if (Operator.lookup(key) != null) {
            if (operatorKey != null) {
              throw invalid(
                  where,
                  "a choice rule has two comparison operators: '"
                      + operatorKey
                      + "' and '"
                      + key
                      + "'");
            }
            operatorKey = key;
          } else {
            throw invalid(where, "unknown field '" + key + "' in a choice rule");
          }
        }
      }
    }
    if (booleanKey != null) {
      if (variable != null || operatorKey != null) {
        throw invalid(
            where,
            "'" + booleanKey + "' cannot be combined with Variable or a comparison operator");
      }
      return booleanRule(booleanKey, rule.get(booleanKey), where, depth);
    }
    if (variable == null) {
      throw invalid(where, "a comparison needs a 'Variable' field");
    }
    if (operatorKey == null) {
      throw invalid(where, "a comparison needs a comparison operator such as StringEquals");
    }
    return comparison(rule.get("Variable"), operatorKey, rule.get(operatorKey), where);
  }

  private static ChoiceRule booleanRule(String key, JsonNode value, String where, int depth) {
    String here = where + "." + key;
    if (key.equals("Not")) {
      return new Rules.Not(compile(value, here, false, depth + 1));
    }
    if (value == null || !value.isArray() || value.isEmpty()) {
      throw invalid(where, "'" + key + "' must be a non-empty array of choice rules");
    }
    List<ChoiceRule> rules = new ArrayList<>(value.size());
    for (int i = 0; i < value.size(); i++) {
      rules.add(compile(value.get(i), here + "[" + i + "]", false, depth + 1));
    }
    return key.equals("And") ? new Rules.And(List.copyOf(rules)) : new Rules.Or(List.copyOf(rules));
  }

  private static ChoiceRule comparison(
      JsonNode variableNode, String key, JsonNode operand, String where) {
    if (variableNode == null || !variableNode.isTextual()) {
      throw invalid(where, "'Variable' must be a string holding a JSONPath");
    }
    String variable = variableNode.asText();
    String reason =
        VariablePaths.isVariablePath(variable)
            ? VariablePaths.invalidReason(variable)
            : JsonPaths.invalidReason(variable);
    if (reason != null) {
      throw invalid(where, "'Variable' " + reason);
    }
    // developer guide "Choice workflow state": "The values of Variable and path fields in a
    // comparison must be valid reference paths."
    if (!VariablePaths.isReferencePath(variable)) {
      throw invalid(where, "'Variable' must be a valid Reference Path: " + variable);
    }
    Operator.Lookup lookup = Operator.lookup(key);
    Operator operator = lookup.operator();
    if (lookup.path()) {
      if (operand == null
          || !operand.isTextual()
          || !VariablePaths.isReferencePath(operand.asText())) {
        throw invalid(where, "'" + key + "' must be a string holding a valid Reference Path");
      }
      return new Rules.PathComparison(variable, operator, operand.asText());
    }
    switch (operator.kind) {
      case STRING -> requireType(operand != null && operand.isTextual(), key, "a string", where);
      case MATCHES -> {
        requireType(operand != null && operand.isTextual(), key, "a string", where);
        return new Rules.Matches(variable, WildcardPattern.compile(operand.asText()));
      }
      case NUMERIC -> requireType(operand != null && operand.isNumber(), key, "a number", where);
      case BOOLEAN, TYPE_TEST ->
          requireType(operand != null && operand.isBoolean(), key, "a boolean", where);
      case TIMESTAMP -> {
        requireType(operand != null && operand.isTextual(), key, "a timestamp string", where);
        Instant instant = Timestamps.parse(operand.asText());
        if (instant == null) {
          throw invalid(
              where,
              "'"
                  + key
                  + "' must be an RFC 3339 timestamp such as 2016-03-14T01:59:00Z, was "
                  + operand);
        }
      }
    }
    if (operator.kind == Operator.Kind.TYPE_TEST) {
      return new Rules.TypeTest(variable, operator, operand.booleanValue());
    }
    return Rules.LiteralComparison.of(variable, operator, operand);
  }

  private static void requireType(boolean ok, String key, String type, String where) {
    if (!ok) {
      throw invalid(where, "the value of '" + key + "' must be " + type);
    }
  }

  private static IllegalArgumentException invalid(String where, String problem) {
    return new IllegalArgumentException("Invalid choice rule at " + where + ": " + problem);
  }
}
