package dev.sqlup.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * nextToken ↔ LastEvaluatedKey. The token is base64url JSON of string attributes; a token with other
 * attribute names, or (for a query) another partition value, is rejected before DynamoDB sees it.
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
    try {
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString(Json.MAPPER.writeValueAsBytes(plain));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, AttributeValue> decode(String token, Set<String> expectedNames, String partitionName,
      String partitionValue) {
    if (token == null) {
      return null;
    }
    if (token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
      throw new InvalidNextTokenException("");
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(token));
    } catch (IllegalArgumentException | java.io.IOException e) {
      throw new InvalidNextTokenException("");
    }
    if (node == null || !node.isObject() || node.size() != expectedNames.size()) {
      throw new InvalidNextTokenException("");
    }
    Map<String, AttributeValue> key = new HashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!expectedNames.contains(e.getKey()) || !e.getValue().isTextual() || e.getValue().asText().isEmpty()) {
        throw new InvalidNextTokenException("");
      }
      key.put(e.getKey(), AttributeValue.fromS(e.getValue().asText()));
    }
    if (partitionName != null && !partitionValue.equals(key.get(partitionName).s())) {
      throw new InvalidNextTokenException(" for this listing");
    }
    return key;
  }
}
