package dev.sqlup.local.asl.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ShortNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The JSON text of a payload, character for character what Jackson's {@code JsonNode.toString()}
 * writes (JsonTextTest compares the two on generated trees), written without Jackson's generator:
 * every state's output is written once for its StateExited event and size check, and a generator
 * per call (context, buffers, serializer provider) cost more than the rest of a Pass state. Nodes
 * this writer does not know (binary, POJO, raw, missing) and very deep trees go to Jackson.
 */
public final class JsonText {
  private static final int MAX_DEPTH = 200;
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private JsonText() {}

  public static String of(JsonNode node) {
    StringBuilder out = new StringBuilder(64);
    return write(node, out, 0) ? out.toString() : node.toString();
  }

  /** False when the tree holds something only Jackson writes. */
  private static boolean write(JsonNode node, StringBuilder out, int depth) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        if (depth > MAX_DEPTH) {
          return false;
        }
        out.append('{');
        boolean first = true;
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> field = fields.next();
          if (!first) {
            out.append(',');
          }
          first = false;
          string(field.getKey(), out);
          out.append(':');
          if (!write(field.getValue(), out, depth + 1)) {
            return false;
          }
        }
        out.append('}');
        return true;
      }
      case ARRAY -> {
        if (depth > MAX_DEPTH) {
          return false;
        }
        out.append('[');
        for (int i = 0, n = node.size(); i < n; i++) {
          if (i > 0) {
            out.append(',');
          }
          if (!write(node.get(i), out, depth + 1)) {
            return false;
          }
        }
        out.append(']');
        return true;
      }
      case STRING -> {
        string(node.textValue(), out);
        return true;
      }
      case NUMBER -> {
        return number(node, out);
      }
      case BOOLEAN -> {
        out.append(node.booleanValue() ? "true" : "false");
        return true;
      }
      case NULL -> {
        out.append("null");
        return true;
      }
      default -> {
        return false; // BINARY, POJO, MISSING
      }
    }
  }

  /** Jackson writes non-finite doubles and floats as strings ("NaN", "Infinity"). */
  private static boolean number(JsonNode node, StringBuilder out) {
    if (node instanceof IntNode || node instanceof ShortNode) {
      out.append(node.intValue());
    } else if (node instanceof LongNode) {
      out.append(node.longValue());
    } else if (node instanceof DoubleNode) {
      double d = node.doubleValue();
      if (Double.isFinite(d)) {
        out.append(Double.toString(d));
      } else {
        string(Double.toString(d), out);
      }
    } else if (node instanceof FloatNode) {
      float f = node.floatValue();
      if (Float.isFinite(f)) {
        out.append(Float.toString(f));
      } else {
        string(Float.toString(f), out);
      }
    } else if (node instanceof DecimalNode) {
      out.append(node.decimalValue().toString());
    } else if (node instanceof BigIntegerNode) {
      out.append(node.bigIntegerValue().toString());
    } else {
      return false;
    }
    return true;
  }

  /**
   * A JSON string as Jackson escapes it by default: quote, backslash and the control characters
   * (short forms for \b \t \n \f \r, else {@code \\u00XX}); everything else as it is.
   */
  private static void string(String text, StringBuilder out) {
    out.append('"');
    int n = text.length();
    int plain = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      out.append(text, plain, i);
      plain = i + 1;
      out.append('\\');
      switch (c) {
        case '"', '\\' -> out.append(c);
        case '\b' -> out.append('b');
        case '\t' -> out.append('t');
        case '\n' -> out.append('n');
        case '\f' -> out.append('f');
        case '\r' -> out.append('r');
        default -> out.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    out.append(text, plain, n).append('"');
  }
}
