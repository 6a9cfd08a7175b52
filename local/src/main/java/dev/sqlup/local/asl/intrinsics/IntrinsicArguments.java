package dev.sqlup.local.asl.intrinsics;

import static dev.sqlup.local.asl.intrinsics.JsonValues.isFinite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sqlup.local.asl.model.StatesError;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * How an intrinsic function checks its arguments: each check throws States.IntrinsicFailure naming
 * the function and the argument, as the guide's "Intrinsic functions" page describes the failures.
 */
interface IntrinsicArguments {
  /** The guide's input limit for States.Hash, States.Base64Encode and States.Base64Decode. */
  int MAX_INPUT_CHARACTERS = 10_000;

  /** The name the guide gives the function, e.g. {@code States.Format}. */
  String functionName();

  default StatesError failure(String detail) {
    return new StatesError(
        "States.IntrinsicFailure", "Invalid arguments in " + functionName() + ": " + detail);
  }

  default void arity(List<JsonNode> args, int expected) {
    if (args.size() != expected) {
      throw failure(
          "takes " + expected + " argument" + (expected == 1 ? "" : "s") + ", was " + args.size());
    }
  }

  default String string(List<JsonNode> args, int index) {
    JsonNode value = args.get(index);
    if (!value.isTextual()) {
      throw failure("argument " + (index + 1) + " must be a string, was " + value);
    }
    return value.asText();
  }

  default ArrayNode array(List<JsonNode> args, int index) {
    JsonNode value = args.get(index);
    if (!value.isArray()) {
      throw failure("argument " + (index + 1) + " must be an array, was " + value);
    }
    return (ArrayNode) value;
  }

  /** An integer argument: a JSON number without a fractional part, in the 64-bit range. */
  default long integer(List<JsonNode> args, int index) {
    JsonNode value = args.get(index);
    if (value.isNumber() && isFinite(value)) {
      BigDecimal decimal = value.decimalValue();
      if (decimal.signum() == 0 || decimal.stripTrailingZeros().scale() <= 0) {
        try {
          return decimal.longValueExact();
        } catch (ArithmeticException e) {
          throw failure("argument " + (index + 1) + " is out of range: " + value);
        }
      }
    }
    throw failure("argument " + (index + 1) + " must be an integer, was " + value);
  }

  /**
   * The guide: a non-integer value given to States.ArrayPartition, ArrayRange, MathRandom or
   * MathAdd is rounded to the nearest integer. Halves round up, towards positive infinity, as
   * executions recorded on AWS show: States.MathAdd(-1.49, -1.5) is -2, (-1.5, -1.51) is -3.
   */
  default long rounded(List<JsonNode> args, int index) {
    JsonNode value = args.get(index);
    if (!value.isNumber() || !isFinite(value)) {
      throw failure("argument " + (index + 1) + " must be a number, was " + value);
    }
    try {
      return value
          .decimalValue()
          .add(BigDecimal.valueOf(5, 1))
          .setScale(0, RoundingMode.FLOOR)
          .longValueExact();
    } catch (ArithmeticException e) {
      throw failure("argument " + (index + 1) + " is out of range: " + value);
    }
  }

  /** The guide: States.MathAdd takes integers in the range -2147483648 to 2147483647. */
  default long int32(List<JsonNode> args, int index) {
    long value = rounded(args, index);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw failure(
          "argument " + (index + 1) + " must be between -2147483648 and 2147483647, was " + value);
    }
    return value;
  }

  default String limited(String value) {
    if (value.length() > MAX_INPUT_CHARACTERS) {
      throw failure(
          "the input is " + value.length() + " characters, more than " + MAX_INPUT_CHARACTERS);
    }
    return value;
  }

  default String formatValue(JsonNode value) {
    if (value.isContainerNode()) {
      throw failure("only strings, numbers, booleans and null can be formatted, was " + value);
    }
    return value.isTextual() ? value.asText() : value.toString();
  }
}
