package dev.sqlup.local.asl.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.model.StatesError;
import dev.sqlup.local.asl.path.JsonPaths;
import dev.sqlup.local.asl.path.VariablePaths;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** A parsed intrinsic invocation or one of its arguments. */
sealed interface IntrinsicExpression {

  JsonNode evaluate(JsonNode input, JsonNode context, RandomGenerator random);

  /**
   * A literal: string (with its escaped source kept for States.Format), number, boolean or null.
   */
  record Literal(JsonNode value, String escapedSource) implements IntrinsicExpression {
    @Override
    public JsonNode evaluate(JsonNode input, JsonNode context, RandomGenerator random) {
      return value;
    }
  }

  /** A string literal with a backslash that escapes nothing: an error when evaluated. */
  record OpenEscape(String expression) implements IntrinsicExpression {
    @Override
    public JsonNode evaluate(JsonNode input, JsonNode context, RandomGenerator random) {
      throw new StatesError(
          "States.Runtime",
          "The intrinsic function call '"
              + expression
              + "' has an open escape backslash: only \\',"
              + " \\{, \\} and \\\\ are escapes");
    }
  }

  /** A JSONPath argument: {@code $...} reads the input, {@code $$...} the context object. */
  record PathArgument(String path, String function) implements IntrinsicExpression {
    @Override
    public JsonNode evaluate(JsonNode input, JsonNode context, RandomGenerator random) {
      if (VariablePaths.isVariablePath(path)) {
        return VariablePaths.find(path)
            .orElseThrow(
                () ->
                    new MissingArgument(
                        "The JsonPath argument for the field '"
                            + path
                            + "' could not be found among the variables"));
      }
      JsonNode document = path.startsWith("$$") ? context : input;
      Optional<JsonNode> value =
          document == null ? Optional.empty() : JsonPaths.findExisting(path, document);
      return value.orElseThrow(
          () ->
              new MissingArgument(
                  "The JsonPath argument for the field '"
                      + path
                      + "' could not be found in the input '"
                      + document
                      + "'"));
    }
  }

  /**
   * A path argument that selects nothing. {@link IntrinsicFunctions} reports it as AWS does, naming
   * the whole expression: {@code The function 'States.Format('{}', $.nope)' had the following
   * error: The JsonPath argument for the field '$.nope' could not be found in the input '{...}'}.
   */
  final class MissingArgument extends StatesError {
    MissingArgument(String cause) {
      super("States.Runtime", cause);
    }

    StatesError in(String expression) {
      return new StatesError(
          "States.Runtime",
          "The function '" + expression + "' had the following error: " + causeText());
    }
  }

  /** {@code States.Name(arg, ...)}. */
  record Call(IntrinsicFunction function, List<IntrinsicExpression> arguments)
      implements IntrinsicExpression {
    @Override
    public JsonNode evaluate(JsonNode input, JsonNode context, RandomGenerator random) {
      return function.apply(this, input, context, random);
    }
  }
}
