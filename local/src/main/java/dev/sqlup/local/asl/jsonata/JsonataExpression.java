package dev.sqlup.local.asl.jsonata;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.model.StatesError;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code "{% ... %}"} string of a JSONata state, parsed once when the definition loads and
 * evaluated per state entry (developer guide "Transforming data with JSONata"). Evaluation errors
 * and an undefined result are States.QueryEvaluationError.
 *
 * <p>The library (com.dashjoin:jsonata 0.9.8) keeps per-thread scratch state in a static
 * ThreadLocal that points at the last expression parsed on that thread; {@link #compile} parses a
 * throw-away expression last, so a shared compiled expression is never any thread's scratch object,
 * and every evaluation passes its own frame. A compiled expression is then safe to evaluate from
 * many threads.
 */
public final class JsonataExpression {
  private static final Pattern VARIABLE = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)");
  private static final String RESULT = "__sfnResult";

  private final String text;
  private final Jsonata compiled;
  private final Set<String> variableNames;
  private final boolean readsStates;
  private final boolean random;

  private JsonataExpression(String text, Jsonata compiled, Set<String> variableNames) {
    this.text = text;
    this.compiled = compiled;
    this.variableNames = variableNames;
    this.readsStates = variableNames.remove("states");
    this.random = variableNames.contains("random") || variableNames.contains("uuid");
  }

  /**
   * Whether {@code value} is a JSONata expression string: it starts with "{%" and ends with "%}".
   */
  public static boolean isExpression(JsonNode value) {
    return value != null && value.isTextual() && isExpression(value.textValue());
  }

  public static boolean isExpression(String value) {
    return value != null && value.length() >= 4 && value.startsWith("{%") && value.endsWith("%}");
  }

  /**
   * Parses {@code "{% expr %}"}; IllegalArgumentException with the library's message when invalid.
   */
  public static JsonataExpression compile(String delimited) {
    if (!isExpression(delimited)) {
      throw new IllegalArgumentException(
          "A JSONata expression must start with '{%' and end with '%}': " + delimited);
    }
    String text = delimited.substring(2, delimited.length() - 2).trim();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("The JSONata expression is empty: " + delimited);
    }
    try {
      Jsonata.jsonata(text); // reports syntax errors against the user's own text
      // Undefined and null differ in Step Functions but not once the library hands a value back:
      // the wrapper says which it was.
      Jsonata wrapped =
          Jsonata.jsonata(
              "( $"
                  + RESULT
                  + " := ("
                  + text
                  + "\n); $exists($"
                  + RESULT
                  + ") ? {\"v\": $"
                  + RESULT
                  + "} : {} )");
      StatesJsonataFunctions.register(wrapped);
      Set<String> names = new LinkedHashSet<>();
      Matcher m = VARIABLE.matcher(text);
      while (m.find()) {
        names.add(m.group(1));
      }
      return new JsonataExpression(text, wrapped, names);
    } catch (JException e) {
      throw new IllegalArgumentException(
          "The JSONata expression '"
              + text
              + "' is invalid: "
              + e.getError()
              + ": "
              + e.getMessage());
    } finally {
      Jsonata.jsonata(
          "0"); // see the class comment: the thread's scratch object is now a throw-away
    }
  }

  public String text() {
    return text;
  }

  /**
   * Variable names the expression may read (every {@code $name} in its text but {@code $states}).
   */
  public Set<String> variableNames() {
    return variableNames;
  }

  /**
   * The value, or States.QueryEvaluationError naming {@code field} (e.g. "Output", "Arguments/a").
   */
  public JsonNode evaluate(JsonataScope scope, String field) {
    Jsonata.Frame frame = compiled.createFrame();
    if (readsStates) {
      frame.bind("states", scope.states());
    }
    for (String name : variableNames) {
      JsonNode value = scope.variables().variable(name);
      if (value != null) {
        frame.bind(name, JsonataValues.toJava(value));
      }
    }
    if (random) {
      StatesJsonataFunctions.bindRandom(frame, scope.random());
    }
    Object result;
    try {
      result = compiled.evaluate(null, frame);
    } catch (JException e) {
      throw error(
          field, "threw an error during evaluation: " + e.getError() + ": " + e.getMessage());
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null && e instanceof JException ? e.getCause() : e;
      throw error(field, "threw an error during evaluation: " + cause.getMessage());
    }
    if (!(result instanceof Map<?, ?> box) || !box.containsKey("v")) {
      throw error(field, "returned nothing (undefined)");
    }
    try {
      return JsonataValues.toJson(box.get("v"));
    } catch (IllegalArgumentException e) {
      throw error(field, "returned a value that is not JSON: " + e.getMessage());
    }
  }

  private StatesError error(String field, String what) {
    return new QueryEvaluationError(
        field,
        "The JSONata expression '" + text + "' specified for the field '" + field + "' " + what);
  }
}
