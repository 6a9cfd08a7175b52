package dev.sqlup.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A JSON object body read field by field: unknown fields, missing required fields and wrong types
 * become {@code InvalidParameter} errors naming the field (no coercion: {@code "5"} is not a number).
 */
final class Body {
  private final ObjectNode node;
  private final String prefix;

  Body(ObjectNode node, String prefix, Set<String> allowed) {
    this.node = node;
    this.prefix = prefix;
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw ApiException.invalid(path(name), "unknown field " + path(name));
      }
    }
  }

  String path(String name) {
    return prefix.isEmpty() ? name : prefix + "." + name;
  }

  private Optional<JsonNode> present(String name) {
    JsonNode v = node.get(name);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
  }

  String requireText(String name, Pattern pattern, String describe) {
    return optionalText(name, pattern, describe)
        .orElseThrow(() -> ApiException.invalid(path(name), path(name) + " is required"));
  }

  Optional<String> optionalText(String name, Pattern pattern, String describe) {
    Optional<JsonNode> v = present(name);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (!v.get().isTextual()) {
      throw ApiException.invalid(path(name), path(name) + " must be a string");
    }
    String text = v.get().textValue();
    if (pattern != null && !pattern.matcher(text).matches()) {
      throw ApiException.invalid(path(name), path(name) + " must be " + describe);
    }
    return Optional.of(text);
  }

  double requireNumber(String name, double min, double max) {
    JsonNode v = present(name).orElseThrow(() -> ApiException.invalid(path(name), path(name) + " is required"));
    if (!v.isNumber() || !Double.isFinite(v.doubleValue()) || v.doubleValue() < min || v.doubleValue() > max) {
      throw ApiException.invalid(path(name), path(name) + " must be a number from " + min + " to " + max);
    }
    return v.doubleValue();
  }

  Optional<Integer> optionalInt(String name, int min, int max) {
    Optional<JsonNode> v = present(name);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    JsonNode n = v.get();
    if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < min || n.intValue() > max) {
      throw ApiException.invalid(path(name), path(name) + " must be an integer from " + min + " to " + max);
    }
    return Optional.of(n.intValue());
  }

  boolean optionalBoolean(String name) {
    Optional<JsonNode> v = present(name);
    if (v.isEmpty()) {
      return false;
    }
    if (!v.get().isBoolean()) {
      throw ApiException.invalid(path(name), path(name) + " must be true or false");
    }
    return v.get().booleanValue();
  }

  Optional<ObjectNode> optionalObject(String name) {
    Optional<JsonNode> v = present(name);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (!v.get().isObject()) {
      throw ApiException.invalid(path(name), path(name) + " must be an object");
    }
    return Optional.of((ObjectNode) v.get());
  }

  Optional<List<JsonNode>> optionalArray(String name, int maxItems) {
    Optional<JsonNode> v = present(name);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (!v.get().isArray() || v.get().size() > maxItems) {
      throw ApiException.invalid(path(name), path(name) + " must be an array of at most " + maxItems + " items");
    }
    List<JsonNode> items = new ArrayList<>();
    v.get().forEach(items::add);
    return Optional.of(items);
  }

  List<String> optionalStringArray(String name, int maxItems, Pattern pattern, String describe) {
    List<String> out = new ArrayList<>();
    for (JsonNode item : optionalArray(name, maxItems).orElse(List.of())) {
      if (!item.isTextual() || !pattern.matcher(item.textValue()).matches()) {
        throw ApiException.invalid(path(name), "every item of " + path(name) + " must be " + describe);
      }
      out.add(item.textValue());
    }
    return out;
  }

  /** An object of string values with bounded keys and values. */
  Map<String, String> optionalStringMap(String name, int maxEntries, int maxKey, int maxValue) {
    Map<String, String> out = new LinkedHashMap<>();
    Optional<ObjectNode> obj = optionalObject(name);
    if (obj.isEmpty()) {
      return out;
    }
    if (obj.get().size() > maxEntries) {
      throw ApiException.invalid(path(name), path(name) + " may have at most " + maxEntries + " entries");
    }
    Iterator<Map.Entry<String, JsonNode>> it = obj.get().fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().isEmpty() || e.getKey().length() > maxKey || !e.getValue().isTextual()
          || e.getValue().textValue().length() > maxValue) {
        throw ApiException.invalid(path(name), path(name) + " must map keys of 1–" + maxKey
            + " characters to strings of at most " + maxValue + " characters");
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return out;
  }
}
