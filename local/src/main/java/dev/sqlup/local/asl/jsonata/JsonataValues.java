package dev.sqlup.local.asl.jsonata;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jackson trees to the plain Java values the JSONata library works on, and back. JSON null is the
 * library's {@link Jsonata#NULL_VALUE} (Java null means undefined there).
 */
public final class JsonataValues {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** 2^53: beyond it a double no longer holds every integer, so it stays a double. */
  private static final double EXACT_INTEGERS = 9_007_199_254_740_992d;

  private JsonataValues() {}

  public static Object toJava(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return null;
    }
    switch (node.getNodeType()) {
      case OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> e = fields.next();
          map.put(e.getKey(), toJava(e.getValue()));
        }
        return map;
      }
      case ARRAY -> {
        List<Object> list = new ArrayList<>(node.size());
        node.forEach(item -> list.add(toJava(item)));
        return list;
      }
      case STRING -> {
        return node.textValue();
      }
      case BOOLEAN -> {
        return node.booleanValue();
      }
      case NUMBER -> {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
          long v = node.longValue();
          return v == (int) v ? (Object) (int) v : (Object) v;
        }
        return node.doubleValue();
      }
      default -> {
        return Jsonata.NULL_VALUE;
      }
    }
  }

  /**
   * The JSON form of a JSONata value; IllegalArgumentException for what JSON cannot hold
   * (functions).
   */
  public static JsonNode toJson(Object value) {
    if (value == null || value == Jsonata.NULL_VALUE) {
      return F.nullNode();
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode out = F.objectNode();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        // the library has turned JSON nulls into Java nulls by now, and leaves undefined fields out
        out.set(String.valueOf(e.getKey()), toJson(e.getValue()));
      }
      return out;
    }
    if (value instanceof List<?> list) {
      ArrayNode out = F.arrayNode(list.size());
      for (Object item : list) {
        out.add(toJson(item));
      }
      return out;
    }
    if (value instanceof String s) {
      return F.textNode(s);
    }
    if (value instanceof Boolean b) {
      return F.booleanNode(b);
    }
    if (value instanceof Integer i) {
      return F.numberNode(i);
    }
    if (value instanceof Long l) {
      return F.numberNode(l);
    }
    if (value instanceof BigInteger b) {
      return F.numberNode(b);
    }
    if (value instanceof Number n) {
      double d = n.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("the number " + d + " cannot be represented in JSON");
      }
      if (d == Math.rint(d) && Math.abs(d) < EXACT_INTEGERS) {
        long l = (long) d;
        return l == (int) l ? F.numberNode((int) l) : F.numberNode(l);
      }
      return value instanceof BigDecimal bd ? F.numberNode(bd) : F.numberNode(d);
    }
    throw new IllegalArgumentException(
        "a value of type "
            + value.getClass().getSimpleName()
            + " (a function?) cannot be represented in JSON");
  }
}
