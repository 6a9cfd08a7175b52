package dev.sqlup.local.asl.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.jsonata.JsonataTemplate;
import dev.sqlup.local.asl.jsonata.QueryEvaluationError;
import dev.sqlup.local.asl.model.StatesError;
import dev.sqlup.local.asl.path.JsonPaths;

/**
 * Fail (spec "Fail State"): stops the branch with Error and Cause, given literally or read from the
 * input with ErrorPath / CausePath (which must yield strings, else States.Runtime).
 */
public final class FailState extends State {
  private final String error;
  private final String errorPath;
  private final String cause;
  private final String causePath;

  private final JsonataTemplate errorExpression;
  private final JsonataTemplate causeExpression;

  public FailState(Common common, String error, String errorPath, String cause, String causePath) {
    this(common, error, errorPath, cause, causePath, null, null);
  }

  /**
   * {@code errorExpression}/{@code causeExpression}: JSONata {@code {% %}} forms of Error and
   * Cause.
   */
  public FailState(
      Common common,
      String error,
      String errorPath,
      String cause,
      String causePath,
      JsonataTemplate errorExpression,
      JsonataTemplate causeExpression) {
    super(common);
    this.error = error;
    this.errorPath = errorPath;
    this.cause = cause;
    this.causePath = causePath;
    this.errorExpression = errorExpression;
    this.causeExpression = causeExpression;
  }

  @Override
  public String type() {
    return "Fail";
  }

  @Override
  protected boolean recordsExit() {
    return false;
  }

  @Override
  protected Outcome execute(StateContext ctx, JsonNode effectiveInput, JsonNode rawInput) {
    String errorName = errorPath != null ? stringAt("ErrorPath", errorPath, rawInput, ctx) : error;
    String causeText = causePath != null ? stringAt("CausePath", causePath, rawInput, ctx) : cause;
    if (errorExpression != null) {
      errorName = string("Error", errorExpression.evaluate(scope(ctx, rawInput)));
    }
    if (causeExpression != null) {
      causeText = string("Cause", causeExpression.evaluate(scope(ctx, rawInput)));
    }
    throw new StatesError(errorName == null ? "" : errorName, causeText == null ? "" : causeText);
  }

  private static String string(String field, JsonNode value) {
    if (!value.isTextual()) {
      throw new QueryEvaluationError(
          field,
          "The value of the field '" + field + "' must be a string, but was '" + value + "'");
    }
    return value.asText();
  }

  private static String stringAt(String field, String path, JsonNode input, StateContext ctx) {
    JsonNode value =
        path.startsWith("$$")
            ? JsonPaths.read(field, path, ctx.contextObject())
            : JsonPaths.read(field, path, input);
    if (!value.isTextual()) {
      throw new StatesError(
          "States.Runtime",
          "The value at " + field + " '" + path + "' must be a string, but was '" + value + "'");
    }
    return value.asText();
  }
}
