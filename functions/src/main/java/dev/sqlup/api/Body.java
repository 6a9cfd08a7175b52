package dev.sqlup.api;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A JSON object body read field by field: unknown fields, missing required fields and wrong types
 * become {@code InvalidParameter} errors naming the field (no coercion: {@code "5"} is not a
 * number). The object is a tree as {@link dev.sqlup.json.Json#readObject} makes it: integral
 * numbers are {@code Integer}, {@code Long} or {@code BigInteger}, the others {@code Double}.
 */
final class Body {
  private final Map<String, Object> fields;
  private final String prefix;

  Body(Map<String, Object> fields, String prefix, Set<String> allowed) {
    this.fields = fields;
    this.prefix = prefix;
    for (String name : fields.keySet()) {
      if (!allowed.contains(name)) {
        throw ApiException.invalid(path(name), "unknown field " + path(name));
      }
    }
  }

  String path(String name) {
    return prefix.isEmpty() ? name : prefix + "." + name;
  }

  private Optional<Object> present(String name) {
    return Optional.ofNullable(fields.get(name));
  }

  /** The field's JSON value as read, or null when absent (for fields of more than one type). */
  Object raw(String name) {
    return fields.get(name);
  }

  String requireText(String name, Pattern pattern, String describe) {
    return optionalText(name, pattern, describe)
        .orElseThrow(() -> ApiException.invalid(path(name), path(name) + " is required"));
  }

  Optional<String> optionalText(String name, Pattern pattern, String describe) {
    Optional<Object> v = present(name);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (!(v.get() instanceof String text)) {
      throw ApiException.invalid(path(name), path(name) + " must be a string");
    }
    if (pattern != null && !pattern.matcher(text).matches()) {
      throw ApiException.invalid(path(name), path(name) + " must be " + describe);
    }
    return Optional.of(text);
  }

  double requireNumber(String name, double min, double max) {
    Object v =
        present(name)
            .orElseThrow(() -> ApiException.invalid(path(name), path(name) + " is required"));
    if (!(v instanceof Number n)
        || !Double.isFinite(n.doubleValue())
        || n.doubleValue() < min
        || n.doubleValue() > max) {
      throw ApiException.invalid(
          path(name), path(name) + " must be a number from " + min + " to " + max);
    }
    return n.doubleValue();
  }

  Optional<Integer> optionalInt(String name, int min, int max) {
    Optional<Object> v = present(name);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    Long integral = integral(v.get());
    if (integral == null || integral < min || integral > max) {
      throw ApiException.invalid(
          path(name), path(name) + " must be an integer from " + min + " to " + max);
    }
    return Optional.of(integral.intValue());
  }

  /**
   * The value of an integral JSON number that fits a long; null for anything else (1433.0 is not
   * integral).
   */
  private static Long integral(Object value) {
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big && big.bitLength() < Long.SIZE) {
      return big.longValue();
    }
    return null;
  }

  boolean optionalBoolean(String name) {
    Optional<Object> v = present(name);
    if (v.isEmpty()) {
      return false;
    }
    if (!(v.get() instanceof Boolean b)) {
      throw ApiException.invalid(path(name), path(name) + " must be true or false");
    }
    return b;
  }

  Optional<Map<String, Object>> optionalObject(String name) {
    Optional<Object> v = present(name);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (!(v.get() instanceof Map<?, ?>)) {
      throw ApiException.invalid(path(name), path(name) + " must be an object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> object = (Map<String, Object>) v.get();
    return Optional.of(object);
  }

  Optional<List<Object>> optionalArray(String name, int maxItems) {
    Optional<Object> v = present(name);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (!(v.get() instanceof List<?> list) || list.size() > maxItems) {
      throw ApiException.invalid(
          path(name), path(name) + " must be an array of at most " + maxItems + " items");
    }
    return Optional.of(new ArrayList<>(list));
  }

  List<String> optionalStringArray(String name, int maxItems, Pattern pattern, String describe) {
    List<String> out = new ArrayList<>();
    for (Object item : optionalArray(name, maxItems).orElse(List.of())) {
      if (!(item instanceof String text) || !pattern.matcher(text).matches()) {
        throw ApiException.invalid(
            path(name), "every item of " + path(name) + " must be " + describe);
      }
      out.add(text);
    }
    return out;
  }

  /** An object of string values with bounded keys and values. */
  Map<String, String> optionalStringMap(String name, int maxEntries, int maxKey, int maxValue) {
    Map<String, String> out = new LinkedHashMap<>();
    Optional<Map<String, Object>> obj = optionalObject(name);
    if (obj.isEmpty()) {
      return out;
    }
    if (obj.get().size() > maxEntries) {
      throw ApiException.invalid(
          path(name), path(name) + " may have at most " + maxEntries + " entries");
    }
    for (Map.Entry<String, Object> e : obj.get().entrySet()) {
      if (e.getKey().isEmpty()
          || e.getKey().length() > maxKey
          || !(e.getValue() instanceof String value)
          || value.length() > maxValue) {
        throw ApiException.invalid(
            path(name),
            path(name)
                + " must map keys of 1–"
                + maxKey
                + " characters to strings of at most "
                + maxValue
                + " characters");
      }
      out.put(e.getKey(), value);
    }
    return out;
  }
}
