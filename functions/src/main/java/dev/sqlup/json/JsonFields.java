package dev.sqlup.json;

import java.util.List;
import java.util.Map;

/**
 * Lenient reads of one field of a JSON object tree (as {@link Json#readTree} makes them), for
 * configuration the simulator and the tests write by hand: a missing or {@code null} field gives
 * the default; a number may come as text ({@code "0.1"}) and text as a number.
 */
public final class JsonFields {
  private JsonFields() {}

  public static boolean has(Map<String, Object> object, String name) {
    return object.get(name) != null;
  }

  public static String text(Map<String, Object> object, String name, String absent) {
    Object v = object.get(name);
    return v == null || v instanceof Map<?, ?> || v instanceof List<?> ? absent : v.toString();
  }

  public static double number(Map<String, Object> object, String name, double absent) {
    Object v = object.get(name);
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s) {
      try {
        return Double.parseDouble(s.trim());
      } catch (NumberFormatException notANumber) {
        return absent;
      }
    }
    return absent;
  }

  public static long whole(Map<String, Object> object, String name, long absent) {
    Object v = object.get(name);
    if (v instanceof Number n) {
      return n.longValue();
    }
    return v instanceof String ? (long) number(object, name, absent) : absent;
  }

  public static boolean bool(Map<String, Object> object, String name, boolean absent) {
    Object v = object.get(name);
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s && (s.equals("true") || s.equals("false"))) {
      return Boolean.parseBoolean(s);
    }
    return v instanceof Number n ? n.doubleValue() != 0 : absent;
  }

  /** The field as an object, or {@code null} when it is missing, null or not an object. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(Map<String, Object> object, String name) {
    return object.get(name) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
  }

  /** The field as an array; empty when it is missing, null or not an array. */
  @SuppressWarnings("unchecked")
  public static List<Object> array(Map<String, Object> object, String name) {
    return object.get(name) instanceof List<?> l ? (List<Object>) l : List.of();
  }
}
