package dev.sqlup.local.asl.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.path.VariableLookup;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * What a JSONata expression of one state sees (developer guide "Transforming data with JSONata",
 * reserved variable {@code $states}): {@code $states.input}, {@code .result} (after the state's
 * work), {@code .errorOutput} (in a Catch), {@code .context}, and the workflow variables. The JSON
 * to Java conversion of each part is done at most once per scope, and only when an expression reads
 * it.
 */
public final class JsonataScope {
  private final JsonNode input;
  private final Supplier<JsonNode> context;
  private final JsonNode result;
  private final JsonNode errorOutput;
  private final VariableLookup variables;
  private final RandomGenerator random;
  private Map<String, Object> states;

  public JsonataScope(
      JsonNode input,
      Supplier<JsonNode> context,
      JsonNode result,
      JsonNode errorOutput,
      VariableLookup variables,
      RandomGenerator random) {
    this.input = input;
    this.context = context;
    this.result = result;
    this.errorOutput = errorOutput;
    this.variables = variables == null ? VariableLookup.NONE : variables;
    this.random = random;
  }

  /** The same scope with the state's result ({@code $states.result}) set. */
  public JsonataScope withResult(JsonNode newResult) {
    return new JsonataScope(input, context, newResult, errorOutput, variables, random);
  }

  /** The scope of a Catch: {@code $states.errorOutput} set, no result. */
  public JsonataScope withErrorOutput(JsonNode error) {
    return new JsonataScope(input, context, null, error, variables, random);
  }

  /** The scope of an ItemSelector: {@code $states.context} with {@code Map.Item}. */
  public JsonataScope withContext(Supplier<JsonNode> itemContext) {
    return new JsonataScope(input, itemContext, result, errorOutput, variables, random);
  }

  public JsonNode input() {
    return input;
  }

  public VariableLookup variables() {
    return variables;
  }

  RandomGenerator random() {
    return random;
  }

  Map<String, Object> states() {
    if (states == null) {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("input", JsonataValues.toJava(input));
      if (result != null) {
        map.put("result", JsonataValues.toJava(result));
      }
      if (errorOutput != null) {
        map.put("errorOutput", JsonataValues.toJava(errorOutput));
      }
      JsonNode ctx = context == null ? null : context.get();
      if (ctx != null) {
        map.put("context", JsonataValues.toJava(ctx));
      }
      states = map;
    }
    return states;
  }
}
