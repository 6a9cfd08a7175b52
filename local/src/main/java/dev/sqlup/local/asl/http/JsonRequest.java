package dev.sqlup.local.asl.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * The members of one request body, read the way AWS's JSON 1.0 front end reads them: a member of
 * the wrong JSON type is a {@code SerializationException}; a missing required member or a value
 * outside its constraint is a {@code ValidationException}. Unknown members are ignored, as AWS
 * does.
 */
final class JsonRequest {
  private final ObjectNode body;

  JsonRequest(ObjectNode body) {
    this.body = body;
  }

  /** A string member, or null when absent or JSON null. */
  String optionalString(String member) {
    JsonNode node = body.get(member);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw ApiError.serialization(
          "Member '"
              + member
              + "' must be a string, got "
              + node.getNodeType().name().toLowerCase());
    }
    return node.textValue();
  }

  /** A number member, or null when absent or JSON null. */
  java.math.BigDecimal optionalNumber(String member) {
    JsonNode node = body.get(member);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isNumber()) {
      throw ApiError.serialization(
          "Member '"
              + member
              + "' must be a number, got "
              + node.getNodeType().name().toLowerCase());
    }
    return node.decimalValue();
  }

  String requiredString(String member) {
    String value = optionalString(member);
    if (value == null) {
      throw ApiError.constraint(member, null, "Member must not be null");
    }
    return value;
  }

  /** A string member that must be one of {@code allowed}; null when absent. */
  String optionalEnum(String member, Set<String> allowed) {
    String value = optionalString(member);
    if (value != null && !allowed.contains(value)) {
      throw ApiError.constraint(
          member,
          value,
          "Member must satisfy enum value set: " + allowed.stream().sorted().toList());
    }
    return value;
  }

  boolean optionalBoolean(String member, boolean absent) {
    JsonNode node = body.get(member);
    if (node == null || node.isNull()) {
      return absent;
    }
    if (!node.isBoolean()) {
      throw ApiError.serialization("Member '" + member + "' must be a boolean");
    }
    return node.booleanValue();
  }

  /** AWS's {@code maxResults}: 0 or absent means {@code defaultValue}; otherwise 1..{@code max}. */
  int maxResults(int defaultValue, int max) {
    JsonNode node = body.get("maxResults");
    if (node == null || node.isNull()) {
      return defaultValue;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw ApiError.serialization("Member 'maxResults' must be an integer");
    }
    int value = node.intValue();
    if (value < 0) {
      throw ApiError.constraint(
          "maxResults", value, "Member must have value greater than or equal to 0");
    }
    if (value > max) {
      throw ApiError.constraint(
          "maxResults", value, "Member must have value less than or equal to " + max);
    }
    return value == 0 ? defaultValue : value;
  }
}
