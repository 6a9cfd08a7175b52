package dev.sqlup.store;

import dev.sqlup.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Records ↔ DynamoDB items through their JSON form: objects become maps, arrays lists, text S,
 * numbers N, booleans BOOL. Every record field is a real attribute, so conditions and GSIs can use
 * them.
 */
public final class ItemCodec {
  private ItemCodec() {}

  public static Map<String, AttributeValue> toItem(Object record) {
    Map<String, AttributeValue> item = new HashMap<>();
    Json.toTree(record)
        .forEach(
            (name, value) -> {
              if (value != null) {
                item.put(name, toAttribute(value));
              }
            });
    return item;
  }

  public static <T> T fromItem(Map<String, AttributeValue> item, Class<T> type) {
    Map<String, Object> tree = new LinkedHashMap<>();
    item.forEach((k, v) -> tree.put(k, toTree(v)));
    try {
      return Json.fromTree(tree, type);
    } catch (Json.MalformedJson e) {
      throw new IllegalStateException(
          "stored item does not map to " + type.getSimpleName() + ": " + e.detail(), e);
    }
  }

  /** One value of a JSON tree (as {@link Json#readTree} makes them) as an attribute. */
  static AttributeValue toAttribute(Object value) {
    if (value instanceof Map<?, ?> object) {
      Map<String, AttributeValue> m = new LinkedHashMap<>();
      object.forEach((k, v) -> m.put((String) k, toAttribute(v)));
      return AttributeValue.fromM(m);
    }
    if (value instanceof List<?> array) {
      List<AttributeValue> l = new ArrayList<>();
      array.forEach(v -> l.add(toAttribute(v)));
      return AttributeValue.fromL(l);
    }
    if (value instanceof BigDecimal d) {
      return AttributeValue.fromN(d.toPlainString());
    }
    if (value instanceof Double || value instanceof Float) {
      return AttributeValue.fromN(
          BigDecimal.valueOf(((Number) value).doubleValue()).toPlainString());
    }
    if (value instanceof Number n) {
      return AttributeValue.fromN(n.toString());
    }
    if (value instanceof Boolean b) {
      return AttributeValue.fromBool(b);
    }
    if (value == null) {
      return AttributeValue.fromNul(true);
    }
    return AttributeValue.fromS(value.toString());
  }

  /** An attribute as a JSON tree value, with the number types parsing JSON text gives. */
  static Object toTree(AttributeValue v) {
    if (v.s() != null) {
      return v.s();
    }
    if (v.n() != null) {
      BigDecimal d = new BigDecimal(v.n());
      try {
        BigInteger i = d.toBigIntegerExact();
        // Same number types as parsing JSON text, so maps of numbers round-trip as equal values.
        return i.bitLength() < 32
            ? (Object) i.intValue()
            : i.bitLength() < 64 ? (Object) i.longValue() : i;
      } catch (ArithmeticException notIntegral) {
        return d.doubleValue();
      }
    }
    if (v.bool() != null) {
      return v.bool();
    }
    if (v.hasM()) {
      Map<String, Object> o = new LinkedHashMap<>();
      v.m().forEach((k, x) -> o.put(k, toTree(x)));
      return o;
    }
    if (v.hasL()) {
      List<Object> a = new ArrayList<>();
      v.l().forEach(x -> a.add(toTree(x)));
      return a;
    }
    if (v.b() != null) {
      return java.util.Base64.getEncoder().encodeToString(v.b().asByteArray());
    }
    return null;
  }
}
