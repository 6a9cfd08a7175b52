package dev.sqlup.local.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How the CLI prints API responses, in one place so every command prints alike: JSON objects as
 * aligned text columns (the given columns, a dotted name being a nested field, or every scalar
 * field seen), an object as key/value lines, a list of values one a line, and {@code --output
 * json}'s indented JSON.
 */
final class TableRenderer {
  private static final ObjectMapper INDENTED =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private TableRenderer() {}

  /** A response as {@code --output json} prints it: every field, indented. */
  static String json(JsonNode node) {
    try {
      return INDENTED.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Rows that are all objects as a table; otherwise one indented value a line. */
  static String listing(List<JsonNode> rows, List<String> columns) {
    if (rows.stream().allMatch(JsonNode::isObject)) {
      return table(rows, columns);
    }
    StringBuilder out = new StringBuilder();
    rows.forEach(r -> out.append("  ").append(cell(r)).append(System.lineSeparator()));
    return out.toString();
  }

  /** The elements of an array; none for anything else. */
  static List<JsonNode> elements(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(out::add);
    }
    return out;
  }

  static String table(List<JsonNode> rows, List<String> columns) {
    List<String> cols = columns != null ? columns : scalarFields(rows);
    List<List<String>> cells = new ArrayList<>();
    cells.add(cols);
    for (JsonNode row : rows) {
      List<String> line = new ArrayList<>();
      for (String c : cols) {
        // "a.b" is the field b of the object a (engine.binding).
        line.add(cell(c.contains(".") ? row.at("/" + c.replace('.', '/')) : row.get(c)));
      }
      cells.add(line);
    }
    int[] widths = new int[cols.size()];
    for (List<String> line : cells) {
      for (int i = 0; i < line.size(); i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> line : cells) {
      StringBuilder l = new StringBuilder();
      for (int i = 0; i < line.size(); i++) {
        l.append(i == 0 ? "" : "  ").append(String.format("%-" + widths[i] + "s", line.get(i)));
      }
      out.append(l.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /** Key/value lines for the scalar fields of one object. */
  static String keyValues(JsonNode object, List<String> skip) {
    List<java.util.Map.Entry<String, JsonNode>> shown = new ArrayList<>();
    object
        .fields()
        .forEachRemaining(
            e -> {
              if (!skip.contains(e.getKey())
                  && !(e.getValue().isArray() && e.getValue().size() > 0)) {
                shown.add(e);
              }
            });
    int width = shown.stream().mapToInt(e -> e.getKey().length()).max().orElse(0);
    StringBuilder out = new StringBuilder();
    for (var e : shown) {
      out.append(String.format("%-" + width + "s  %s%n", e.getKey(), cell(e.getValue())));
    }
    return out.toString();
  }

  static String cell(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "-";
    }
    return value.isValueNode() ? value.asText() : value.toString();
  }

  private static List<String> scalarFields(List<JsonNode> rows) {
    Set<String> names = new LinkedHashSet<>();
    for (JsonNode row : rows) {
      row.fields()
          .forEachRemaining(
              e -> {
                if (e.getValue().isValueNode()) {
                  names.add(e.getKey());
                }
              });
    }
    return List.copyOf(names);
  }

  /** The list in a response: the response itself when an array, else its first array field. */
  static List<JsonNode> items(JsonNode response) {
    JsonNode array = response.isArray() ? response : null;
    if (array == null) {
      for (Iterator<JsonNode> it = response.elements(); it.hasNext(); ) {
        JsonNode v = it.next();
        if (v.isArray()) {
          array = v;
          break;
        }
      }
    }
    List<JsonNode> out = new ArrayList<>();
    if (array != null) {
      array.forEach(out::add);
    }
    return out;
  }
}
