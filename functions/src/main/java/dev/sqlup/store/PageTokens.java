package dev.sqlup.store;

import dev.sqlup.json.Json;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * nextToken ↔ LastEvaluatedKey. The token is base64url JSON of string attributes; a token with
 * other attribute names, or (for a query) another partition value, is rejected before DynamoDB sees
 * it.
 */
final class PageTokens {
  private static final int MAX_TOKEN_CHARS = 2048;

  private PageTokens() {}

  static String encode(Map<String, AttributeValue> lastKey) {
    if (lastKey == null || lastKey.isEmpty()) {
      return null;
    }
    Map<String, String> plain = new HashMap<>();
    lastKey.forEach((k, v) -> plain.put(k, v.s()));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.writeBytes(plain));
  }

  static Map<String, AttributeValue> decode(
      String token, Set<String> expectedNames, String partitionName, String partitionValue) {
    if (token == null) {
      return null;
    }
    if (token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
      throw new InvalidNextTokenException("");
    }
    Map<String, Object> plain;
    try {
      plain =
          Json.readObject(
              Base64.getUrlDecoder().decode(token)); // MalformedJson is an IllegalArgumentException
    } catch (IllegalArgumentException e) {
      throw new InvalidNextTokenException("");
    }
    if (plain.size() != expectedNames.size()) {
      throw new InvalidNextTokenException("");
    }
    Map<String, AttributeValue> key = new HashMap<>();
    for (Map.Entry<String, Object> e : plain.entrySet()) {
      if (!expectedNames.contains(e.getKey())
          || !(e.getValue() instanceof String text)
          || text.isEmpty()) {
        throw new InvalidNextTokenException("");
      }
      key.put(e.getKey(), AttributeValue.fromS(text));
    }
    if (partitionName != null && !partitionValue.equals(key.get(partitionName).s())) {
      throw new InvalidNextTokenException(" for this listing");
    }
    return key;
  }
}
