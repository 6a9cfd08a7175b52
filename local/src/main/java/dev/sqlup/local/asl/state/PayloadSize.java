package dev.sqlup.local.asl.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Whether a payload's JSON text is longer than a limit, without writing the text when it clearly is
 * not: a walk of the tree adds up an upper bound of the text's length (every character of a string
 * escaped as {@code \\uXXXX}); only when that bound exceeds the limit is the exact text measured.
 */
final class PayloadSize {
  private PayloadSize() {}

  static boolean exceeds(JsonNode payload, int limit) {
    long bound = upperBound(payload, limit);
    return bound > limit && payload.toString().length() > limit;
  }

  /**
   * An upper bound of the length of {@code node.toString()}; stops adding once past {@code limit}.
   */
  private static long upperBound(JsonNode node, long limit) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        long total = 2;
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext() && total <= limit) {
          Map.Entry<String, JsonNode> field = fields.next();
          total += 6L * field.getKey().length() + 4 + upperBound(field.getValue(), limit);
        }
        return total;
      }
      case ARRAY -> {
        long total = 2;
        for (int i = 0; i < node.size() && total <= limit; i++) {
          total += 1 + upperBound(node.get(i), limit);
        }
        return total;
      }
      case STRING -> {
        return 6L * node.textValue().length() + 2;
      }
      case BOOLEAN, NULL -> {
        return 5;
      }
      case NUMBER -> {
        if (node.isInt() || node.isLong() || node.isShort()) {
          return 20;
        }
        return Long.MAX_VALUE / 4; // big or floating numbers: measure the text itself
      }
      default -> {
        return Long.MAX_VALUE / 4;
      }
    }
  }
}
