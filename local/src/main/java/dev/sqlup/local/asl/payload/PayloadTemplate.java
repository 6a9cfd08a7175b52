package dev.sqlup.local.asl.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.asl.intrinsics.IntrinsicFunctions;
import dev.sqlup.local.asl.model.StatesError;
import dev.sqlup.local.asl.path.JsonPaths;
import dev.sqlup.local.asl.path.VariableLookup;
import dev.sqlup.local.asl.path.VariablePaths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * A payload template (Parameters, ResultSelector, ItemSelector): compiled and validated once when
 * the definition loads, evaluated per state entry. A field whose name ends in {@code .$} takes its
 * value from a path ({@code $...} in the input, {@code $$...} in the context object) or an
 * intrinsic function call, and loses the suffix.
 */
public final class PayloadTemplate {
  private final Node root;

  private PayloadTemplate(Node root) {
    this.root = root;
  }

  /** Validates and compiles; IllegalArgumentException names the offending field. */
  public static PayloadTemplate compile(JsonNode template) {
    if (template == null) {
      throw new IllegalArgumentException("a payload template must not be null");
    }
    return new PayloadTemplate(compileNode(template));
  }

  /** Evaluates against the effective input and the context object. */
  public JsonNode evaluate(JsonNode input, JsonNode context) {
    return evaluate(input, context, ThreadLocalRandom.current());
  }

  /**
   * As {@link #evaluate(JsonNode, JsonNode)}, with the random source for States.UUID/MathRandom.
   */
  public JsonNode evaluate(JsonNode input, JsonNode context, RandomGenerator random) {
    return evaluate(input, context, VariableLookup.NONE, random);
  }

  /** As above, with the workflow variables {@code "name.$": "$variable.path"} may read. */
  public JsonNode evaluate(
      JsonNode input, JsonNode context, VariableLookup variables, RandomGenerator random) {
    return VariablePaths.with(variables, () -> root.evaluate(input, context, random));
  }

  /** The top-level field names once '.$' suffixes are stripped (Assign: the variable names). */
  public java.util.Set<String> fieldNames() {
    java.util.Set<String> names = new java.util.LinkedHashSet<>();
    if (root instanceof ObjectTemplate o) {
      o.fields().forEach(f -> names.add(f.name()));
    } else if (root instanceof Constant c) {
      c.value().fieldNames().forEachRemaining(names::add);
    }
    return names;
  }

  private static Node compileNode(JsonNode template) {
    if (template.isObject()) {
      List<Field> fields = new ArrayList<>(template.size());
      boolean constant = true;
      Iterator<Map.Entry<String, JsonNode>> it = template.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> entry = it.next();
        String key = entry.getKey();
        Node value;
        if (key.endsWith(".$")) {
          value = dynamic(key, entry.getValue());
          key = key.substring(0, key.length() - 2);
        } else {
          value = compileNode(entry.getValue());
        }
        constant &= value instanceof Constant;
        for (Field earlier : fields) {
          if (earlier.name().equals(key)) {
            // Spec "Payload Template": no duplicate names once ".$" suffixes are stripped.
            throw new IllegalArgumentException(
                "The payload template has the field '"
                    + key
                    + "' twice once '.$' suffixes are stripped");
          }
        }
        fields.add(new Field(key, value));
      }
      return constant ? new Constant(template.deepCopy()) : new ObjectTemplate(List.copyOf(fields));
    }
    if (template.isArray()) {
      List<Node> items = new ArrayList<>(template.size());
      boolean constant = true;
      for (JsonNode item : template) {
        Node node = compileNode(item);
        constant &= node instanceof Constant;
        items.add(node);
      }
      return constant ? new Constant(template.deepCopy()) : new ArrayTemplate(List.copyOf(items));
    }
    return new Constant(template);
  }

  private static Node dynamic(String key, JsonNode value) {
    String problem =
        "The value for the field '"
            + key
            + "' must be a valid JSONPath or a valid intrinsic function call";
    if (!value.isTextual()) {
      throw new IllegalArgumentException(problem + ", was " + value.getNodeType());
    }
    String text = value.asText();
    if (IntrinsicFunctions.looksLikeCall(text)) {
      try {
        return new Intrinsic(key, IntrinsicFunctions.compile(text));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(problem + ": " + e.getMessage(), e);
      }
    }
    if (VariablePaths.isVariablePath(text)) {
      String invalidRest = VariablePaths.invalidReason(text);
      if (invalidRest != null) {
        throw new IllegalArgumentException(problem + ": " + invalidRest);
      }
      return new VariableValue(key, text);
    }
    String invalid = JsonPaths.invalidReason(text);
    if (invalid != null) {
      throw new IllegalArgumentException(problem + ": " + invalid);
    }
    return new PathValue(key, text, text.startsWith("$$"));
  }

  private sealed interface Node {
    JsonNode evaluate(JsonNode input, JsonNode context, RandomGenerator random);
  }

  private record Field(String name, Node value) {}

  private record Constant(JsonNode value) implements Node {
    @Override
    public JsonNode evaluate(JsonNode input, JsonNode context, RandomGenerator random) {
      // Containers are copied so that no execution can change the definition's template.
      return value.isContainerNode() ? value.deepCopy() : value;
    }
  }

  private record ObjectTemplate(List<Field> fields) implements Node {
    @Override
    public JsonNode evaluate(JsonNode input, JsonNode context, RandomGenerator random) {
      // sized for its fields: the default map has room for 12 (one per state entry adds up)
      ObjectNode out =
          new ObjectNode(
              JsonNodeFactory.instance, new LinkedHashMap<>((int) (fields.size() / 0.75f) + 1));
      for (int i = 0, n = fields.size(); i < n; i++) {
        Field field = fields.get(i);
        out.set(field.name(), field.value().evaluate(input, context, random));
      }
      return out;
    }
  }

  private record ArrayTemplate(List<Node> items) implements Node {
    @Override
    public JsonNode evaluate(JsonNode input, JsonNode context, RandomGenerator random) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode(items.size());
      for (Node item : items) {
        out.add(item.evaluate(input, context, random));
      }
      return out;
    }
  }

  private record PathValue(String key, String path, boolean fromContext) implements Node {
    @Override
    public JsonNode evaluate(JsonNode input, JsonNode context, RandomGenerator random) {
      JsonNode document = fromContext ? context : input;
      if (!fromContext && (input == null || input.isNull() || input.isMissingNode())) {
        // AWS's wording for a path applied to a null state input (seen in execution histories).
        throw new StatesError(
            "States.Runtime", "Unable to apply Path transformation to null or empty input.");
      }
      JsonNode value = document == null ? null : JsonPaths.find(path, document).orElse(null);
      if (value == null) {
        // AWS fails the state with States.Runtime and this wording (not ParameterPathFailure).
        throw new StatesError(
            "States.Runtime",
            "The JSONPath '"
                + path
                + "' specified for the field '"
                + key
                + "' could not be found in the input '"
                + document
                + "'");
      }
      return value;
    }
  }

  private record VariableValue(String key, String text) implements Node {
    @Override
    public JsonNode evaluate(JsonNode input, JsonNode context, RandomGenerator random) {
      return VariablePaths.find(text)
          .orElseThrow(
              () ->
                  new StatesError(
                      "States.Runtime",
                      "The JSONPath '"
                          + text
                          + "' specified for the field '"
                          + key
                          + "' could not be found: the"
                          + " variable '"
                          + VariablePaths.name(text)
                          + "' "
                          + (VariablePaths.defined(text)
                              ? "has no value at that path"
                              : "is not defined")));
    }
  }

  private record Intrinsic(String key, IntrinsicFunctions.Compiled call) implements Node {
    @Override
    public JsonNode evaluate(JsonNode input, JsonNode context, RandomGenerator random) {
      return call.evaluate(input, context, random);
    }
  }
}
