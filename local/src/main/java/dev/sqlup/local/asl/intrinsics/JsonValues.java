package dev.sqlup.local.asl.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.function.Function;

/** JSON values as the intrinsic functions build and compare them. */
final class JsonValues {
  private static final JsonNodeFactory FACTORY = JsonNodeFactory.instance;
  private static final Function<String, String> TEXT_KEY = k -> FACTORY.textNode(k).toString();

  private JsonValues() {}

  /** An int node when the value fits, as Jackson reads the same number from JSON text. */
  static JsonNode number(long value) {
    return value == (int) value ? FACTORY.numberNode((int) value) : FACTORY.numberNode(value);
  }

  /** Jackson reads 1e400 as an infinite double, which has no BigDecimal form. */
  static boolean isFinite(JsonNode number) {
    return !(number.isDouble() || number.isFloat()) || Double.isFinite(number.doubleValue());
  }

  static JsonNode text(String value) {
    return FACTORY.textNode(value);
  }

  /** Equal JSON values get equal keys, whatever the number representation (1, 1.0, 1e0). */
  static String canonical(JsonNode value) {
    if (value.isNumber() && !isFinite(value)) {
      return "n:" + value.doubleValue();
    }
    if (value.isNumber()) {
      BigDecimal decimal = value.decimalValue();
      return "n:" + (decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString());
    }
    if (value.isObject()) {
      java.util.TreeMap<String, String> fields = new java.util.TreeMap<>();
      value.fields().forEachRemaining(e -> fields.put(e.getKey(), canonical(e.getValue())));
      StringBuilder key = new StringBuilder("{");
      fields.forEach((k, v) -> key.append(TEXT_KEY.apply(k)).append(':').append(v).append(','));
      return key.append('}').toString();
    }
    if (value.isArray()) {
      StringBuilder key = new StringBuilder("[");
      value.forEach(v -> key.append(canonical(v)).append(','));
      return key.append(']').toString();
    }
    return value.toString();
  }
}
