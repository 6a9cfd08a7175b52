package dev.sqlup.local.asl.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A field value of a JSONata state (Arguments, Output, Assign values, ItemSelector, Items, the
 * numeric fields...): any JSON in which every string of the form {@code "{% ... %}"} is an
 * expression, at any depth. Compiled once; a template without expressions evaluates to a copy of
 * itself.
 */
public final class JsonataTemplate {
  private final Node root;
  private final String field;

  private JsonataTemplate(Node root, String field) {
    this.root = root;
    this.field = field;
  }

  /** IllegalArgumentException names the first invalid expression. */
  public static JsonataTemplate compile(JsonNode value, String field) {
    return new JsonataTemplate(compileNode(value), field);
  }

  public JsonNode evaluate(JsonataScope scope) {
    return root.evaluate(scope, field);
  }

  /** Whether the template is one expression (e.g. Items: "{% ... %}") rather than literal JSON. */
  public boolean isExpression() {
    return root instanceof Expression;
  }

  /** Every variable name its expressions may read. */
  public Set<String> variableNames() {
    Set<String> names = new LinkedHashSet<>();
    root.collect(names);
    return names;
  }

  private static Node compileNode(JsonNode value) {
    if (JsonataExpression.isExpression(value)) {
      return new Expression(JsonataExpression.compile(value.textValue()));
    }
    if (value.isObject()) {
      List<Map.Entry<String, Node>> fields = new ArrayList<>();
      boolean constant = true;
      Iterator<Map.Entry<String, JsonNode>> it = value.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        Node node = compileNode(e.getValue());
        constant &= node instanceof Constant;
        fields.add(Map.entry(e.getKey(), node));
      }
      return constant
          ? new Constant(value.deepCopy())
          : new ObjectNodeTemplate(List.copyOf(fields));
    }
    if (value.isArray()) {
      List<Node> items = new ArrayList<>();
      boolean constant = true;
      for (JsonNode item : value) {
        Node node = compileNode(item);
        constant &= node instanceof Constant;
        items.add(node);
      }
      return constant ? new Constant(value.deepCopy()) : new ArrayTemplate(List.copyOf(items));
    }
    return new Constant(value);
  }

  private sealed interface Node {
    JsonNode evaluate(JsonataScope scope, String field);

    default void collect(Set<String> names) {}
  }

  private record Constant(JsonNode value) implements Node {
    @Override
    public JsonNode evaluate(JsonataScope scope, String field) {
      return value.isContainerNode() ? value.deepCopy() : value;
    }
  }

  private record Expression(JsonataExpression expression) implements Node {
    @Override
    public JsonNode evaluate(JsonataScope scope, String field) {
      return expression.evaluate(scope, field);
    }

    @Override
    public void collect(Set<String> names) {
      names.addAll(expression.variableNames());
    }
  }

  private record ObjectNodeTemplate(List<Map.Entry<String, Node>> fields) implements Node {
    @Override
    public JsonNode evaluate(JsonataScope scope, String field) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, Node> e : fields) {
        out.set(e.getKey(), e.getValue().evaluate(scope, field + "/" + e.getKey()));
      }
      return out;
    }

    @Override
    public void collect(Set<String> names) {
      fields.forEach(e -> e.getValue().collect(names));
    }
  }

  private record ArrayTemplate(List<Node> items) implements Node {
    @Override
    public JsonNode evaluate(JsonataScope scope, String field) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode(items.size());
      for (int i = 0; i < items.size(); i++) {
        out.add(items.get(i).evaluate(scope, field + "/" + i));
      }
      return out;
    }

    @Override
    public void collect(Set<String> names) {
      items.forEach(n -> n.collect(names));
    }
  }
}
