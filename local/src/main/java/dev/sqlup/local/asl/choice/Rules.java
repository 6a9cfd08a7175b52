package dev.sqlup.local.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.model.StatesError;
import dev.sqlup.local.asl.path.JsonPaths;
import dev.sqlup.local.asl.path.VariablePaths;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The compiled forms of a choice rule. */
final class Rules {
  private Rules() {}

  record And(List<ChoiceRule> rules) implements ChoiceRule {
    @Override
    public boolean matches(JsonNode input, JsonNode context) {
      for (ChoiceRule rule : rules) {
        if (!rule.matches(input, context)) {
          return false;
        }
      }
      return true;
    }
  }

  record Or(List<ChoiceRule> rules) implements ChoiceRule {
    @Override
    public boolean matches(JsonNode input, JsonNode context) {
      for (ChoiceRule rule : rules) {
        if (rule.matches(input, context)) {
          return true;
        }
      }
      return false;
    }
  }

  record Not(ChoiceRule rule) implements ChoiceRule {
    @Override
    public boolean matches(JsonNode input, JsonNode context) {
      return !rule.matches(input, context);
    }
  }

  /**
   * {@code "Variable": ..., "StringEquals": "x"} and the other operators with a literal operand.
   */
  record LiteralComparison(String variable, Operator operator, JsonNode operand, Instant instant)
      implements ChoiceRule {
    static LiteralComparison of(String variable, Operator operator, JsonNode operand) {
      Instant instant =
          operator.kind == Operator.Kind.TIMESTAMP ? Timestamps.parse(operand.asText()) : null;
      return new LiteralComparison(variable, operator, operand, instant);
    }

    @Override
    public boolean matches(JsonNode input, JsonNode context) {
      JsonNode value = value(variable, input, context);
      if (instant != null) {
        Instant left = value.isTextual() ? Timestamps.parse(value.asText()) : null;
        return left != null && operator.relation.holds(left.compareTo(instant));
      }
      return compare(operator, value, operand);
    }
  }

  /** {@code "Variable": ..., "NumericLessThanPath": "$.limit"}. */
  record PathComparison(String variable, Operator operator, String operandPath)
      implements ChoiceRule {
    @Override
    public boolean matches(JsonNode input, JsonNode context) {
      return compare(operator, value(variable, input, context), value(operandPath, input, context));
    }
  }

  record Matches(String variable, WildcardPattern pattern) implements ChoiceRule {
    @Override
    public boolean matches(JsonNode input, JsonNode context) {
      JsonNode value = value(variable, input, context);
      return value.isTextual() && pattern.matches(value.asText());
    }
  }

  /** IsPresent, IsNull, IsNumeric, IsString, IsBoolean, IsTimestamp with their expected answer. */
  record TypeTest(String variable, Operator operator, boolean expected) implements ChoiceRule {
    @Override
    public boolean matches(JsonNode input, JsonNode context) {
      if (operator == Operator.IS_PRESENT) {
        return find(variable, input, context).isPresent() == expected;
      }
      JsonNode value = value(variable, input, context);
      boolean actual =
          switch (operator) {
            case IS_NULL -> value.isNull();
            case IS_NUMERIC -> value.isNumber();
            case IS_STRING -> value.isTextual();
            case IS_BOOLEAN -> value.isBoolean();
            case IS_TIMESTAMP -> value.isTextual() && Timestamps.parse(value.asText()) != null;
            default -> throw new IllegalStateException(operator.key);
          };
      return actual == expected;
    }
  }

  private static Optional<JsonNode> find(String path, JsonNode input, JsonNode context) {
    if (VariablePaths.isVariablePath(path)) {
      return VariablePaths.find(path);
    }
    JsonNode document = path.startsWith("$$") ? context : input;
    return document == null ? Optional.empty() : JsonPaths.find(path, document);
  }

  private static JsonNode value(String path, JsonNode input, JsonNode context) {
    return find(path, input, context)
        .orElseThrow(
            () ->
                new StatesError(
                    "States.Runtime",
                    "Invalid path '"
                        + path
                        + "': The choice state's condition path references an invalid value."));
  }

  private static int compareNumbers(JsonNode left, JsonNode right) {
    boolean exact = isFinite(left) && isFinite(right);
    // Jackson reads 1e400 as an infinite double, which has no BigDecimal form.
    return exact
        ? left.decimalValue().compareTo(right.decimalValue())
        : Double.compare(left.doubleValue(), right.doubleValue());
  }

  private static boolean isFinite(JsonNode number) {
    return !(number.isDouble() || number.isFloat()) || Double.isFinite(number.doubleValue());
  }

  /** A value of the wrong type for the operator is no match, never an error. */
  private static boolean compare(Operator operator, JsonNode left, JsonNode right) {
    return switch (operator.kind) {
      case STRING ->
          left.isTextual()
              && right.isTextual()
              && operator.relation.holds(left.asText().compareTo(right.asText()));
      case NUMERIC ->
          left.isNumber()
              && right.isNumber()
              && operator.relation.holds(compareNumbers(left, right));
      case BOOLEAN ->
          left.isBoolean() && right.isBoolean() && left.booleanValue() == right.booleanValue();
      case TIMESTAMP -> {
        Instant a = left.isTextual() ? Timestamps.parse(left.asText()) : null;
        Instant b = right.isTextual() ? Timestamps.parse(right.asText()) : null;
        yield a != null && b != null && operator.relation.holds(a.compareTo(b));
      }
      default -> throw new IllegalStateException(operator.key);
    };
  }
}
