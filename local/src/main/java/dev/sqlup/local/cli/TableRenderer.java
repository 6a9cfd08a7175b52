package dev.sqlup.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Renders JSON objects as aligned text columns: the given columns (a dotted name is a nested
 * field), or every scalar field seen.
 */
final class TableRenderer {
  private TableRenderer() {}

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
