package dev.sqlup.local.asl.state.fields;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.jsonata.JsonataScope;
import dev.sqlup.local.asl.jsonata.JsonataTemplate;
import dev.sqlup.local.asl.path.VariableLookup;
import dev.sqlup.local.asl.payload.PayloadTemplate;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Assign (developer guide "Passing data between states with variables"): the variables a state
 * sets. In a JSONPath state it is a payload template ({@code "name.$": "$.path"}) evaluated against
 * the state's result (after ResultSelector; the error output in a Catch); in a JSONata state each
 * value is JSON with {@code {% %}} expressions. Values are computed, not stored: the caller commits
 * them.
 */
public final class Assign {
  /**
   * Variable names: a letter or underscore, then letters, digits, underscores (guide "Variable
   * names").
   */
  static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,79}");

  private final PayloadTemplate jsonPath;
  private final Map<String, JsonataTemplate> jsonata;

  private Assign(PayloadTemplate jsonPath, Map<String, JsonataTemplate> jsonata) {
    this.jsonPath = jsonPath;
    this.jsonata = jsonata;
  }

  /** IllegalArgumentException names the first problem (name, path, expression). */
  public static Assign compile(JsonNode assign, boolean jsonataState, String at) {
    if (assign == null || !assign.isObject()) {
      throw new IllegalArgumentException("Assign must be a JSON object");
    }
    Iterator<String> names = assign.fieldNames();
    while (names.hasNext()) {
      String field = names.next();
      String name =
          !jsonataState && field.endsWith(".$") ? field.substring(0, field.length() - 2) : field;
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "The variable name '"
                + name
                + "' is invalid: a variable name"
                + " starts with a letter or '_' and has only letters, digits and '_' (at most 80 characters)");
      }
      if (name.equals("states")) {
        throw new IllegalArgumentException(
            "The variable name 'states' is reserved by Step Functions");
      }
    }
    if (!jsonataState) {
      return new Assign(PayloadTemplate.compile(assign), null);
    }
    Map<String, JsonataTemplate> values = new LinkedHashMap<>();
    assign
        .fields()
        .forEachRemaining(
            e ->
                values.put(
                    e.getKey(), JsonataTemplate.compile(e.getValue(), "Assign/" + e.getKey())));
    return new Assign(null, values);
  }

  /** The names this Assign sets. */
  public java.util.Set<String> names() {
    if (jsonata != null) {
      return jsonata.keySet();
    }
    return jsonPath.fieldNames();
  }

  /** JSONPath: {@code $} is {@code result}; {@code $$} the context object. */
  public Map<String, JsonNode> evaluate(
      JsonNode result, JsonNode context, VariableLookup variables, RandomGenerator random) {
    JsonNode values = jsonPath.evaluate(result, context, variables, random);
    Map<String, JsonNode> out = new LinkedHashMap<>();
    values.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** JSONata: every value against the same scope. */
  public Map<String, JsonNode> evaluate(JsonataScope scope) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    jsonata.forEach((name, template) -> out.put(name, template.evaluate(scope)));
    return out;
  }
}
