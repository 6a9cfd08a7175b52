package dev.sqlup.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Records ↔ DynamoDB items through their JSON form: objects become maps, arrays lists, text S, numbers
 * N, booleans BOOL. Every record field is a real attribute, so conditions and GSIs can use them.
 */
public final class ItemCodec {
  private ItemCodec() {}

  public static Map<String, AttributeValue> toItem(Object record) {
    JsonNode node = Json.MAPPER.valueToTree(record);
    Map<String, AttributeValue> item = new HashMap<>();
    node.fields().forEachRemaining(e -> {
      if (!e.getValue().isNull()) {
        item.put(e.getKey(), toAttribute(e.getValue()));
      }
    });
    return item;
  }

  public static <T> T fromItem(Map<String, AttributeValue> item, Class<T> type) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    item.forEach((k, v) -> node.set(k, toNode(v)));
    try {
      return Json.MAPPER.treeToValue(node, type);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("stored item does not map to " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  public static AttributeValue toAttribute(JsonNode node) {
    if (node.isObject()) {
      Map<String, AttributeValue> m = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        m.put(e.getKey(), toAttribute(e.getValue()));
      }
      return AttributeValue.fromM(m);
    }
    if (node.isArray()) {
      List<AttributeValue> l = new ArrayList<>();
      node.forEach(n -> l.add(toAttribute(n)));
      return AttributeValue.fromL(l);
    }
    if (node.isNumber()) {
      return AttributeValue.fromN(node.decimalValue().toPlainString());
    }
    if (node.isBoolean()) {
      return AttributeValue.fromBool(node.booleanValue());
    }
    if (node.isNull()) {
      return AttributeValue.fromNul(true);
    }
    return AttributeValue.fromS(node.asText());
  }

  public static JsonNode toNode(AttributeValue v) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (v.s() != null) {
      return f.textNode(v.s());
    }
    if (v.n() != null) {
      BigDecimal d = new BigDecimal(v.n());
      try {
        long l = d.longValueExact();
        // Same node types as parsing JSON text, so maps of numbers round-trip as equal values.
        return l == (int) l ? f.numberNode((int) l) : f.numberNode(l);
      } catch (ArithmeticException notIntegral) {
        return f.numberNode(d.doubleValue());
      }
    }
    if (v.bool() != null) {
      return f.booleanNode(v.bool());
    }
    if (v.hasM()) {
      ObjectNode o = f.objectNode();
      v.m().forEach((k, x) -> o.set(k, toNode(x)));
      return o;
    }
    if (v.hasL()) {
      ArrayNode a = f.arrayNode();
      v.l().forEach(x -> a.add(toNode(x)));
      return a;
    }
    if (v.b() != null) {
      SdkBytes b = v.b();
      return f.binaryNode(b.asByteArray());
    }
    return f.nullNode();
  }
}
