package dev.sqlup.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.sqlup.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Path, query and body of a proxy event, validated; every problem is an {@link ApiException}. */
final class Requests {
  static final Pattern ID = Pattern.compile("[a-z0-9-]{1,64}");
  static final int MAX_BODY_BYTES = 32 * 1024;
  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;

  private Requests() {}

  static String pathId(APIGatewayProxyRequestEvent event, String name) {
    Map<String, String> params = event.getPathParameters();
    String value = params == null ? null : params.get(name);
    if (value == null || !ID.matcher(value).matches()) {
      throw ApiException.invalid(name, name + " must match [a-z0-9-]{1,64}");
    }
    return value;
  }

  /** Rejects query parameters other than {@code allowed}. */
  static Map<String, String> query(APIGatewayProxyRequestEvent event, Set<String> allowed) {
    Map<String, String> q =
        event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
    for (String name : q.keySet()) {
      if (!allowed.contains(name)) {
        throw ApiException.invalid(name, "unknown query parameter " + name);
      }
    }
    return q;
  }

  static int limit(Map<String, String> query) {
    String raw = query.get("limit");
    if (raw == null) {
      return DEFAULT_LIMIT;
    }
    if (!raw.matches("[0-9]{1,3}")
        || Integer.parseInt(raw) < 1
        || Integer.parseInt(raw) > MAX_LIMIT) {
      throw ApiException.invalid("limit", "limit must be an integer from 1 to " + MAX_LIMIT);
    }
    return Integer.parseInt(raw);
  }

  static Optional<String> nextToken(Map<String, String> query) {
    String raw = query.get("nextToken");
    if (raw == null) {
      return Optional.empty();
    }
    if (raw.isEmpty() || raw.length() > 2048 || !raw.matches("[A-Za-z0-9_-]+")) {
      throw ApiException.invalid("nextToken", "nextToken is not a token this listing returned");
    }
    return Optional.of(raw);
  }

  /**
   * Rejects any body on routes that take none; one over the API's limit is 413 there too, as on
   * every route.
   */
  static void noBody(APIGatewayProxyRequestEvent event) {
    if (event.getBody() != null && !event.getBody().isEmpty()) {
      // A character is at least one byte: only a body this long can be over the limit.
      if (event.getBody().length() > MAX_BODY_BYTES / 4) {
        byte[] bytes = event.getBody().getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BODY_BYTES) {
          throw new ApiException(
              413,
              "RequestBodyTooLarge",
              "body",
              "the body has " + bytes.length + " bytes; the limit is " + MAX_BODY_BYTES,
              null);
        }
      }
      throw ApiException.invalid("body", "this route takes no request body");
    }
  }

  /** The body as a JSON object: at most 32 KiB, well-formed, duplicate keys rejected. */
  static Map<String, Object> jsonObject(APIGatewayProxyRequestEvent event) {
    String body = event.getBody();
    if (body == null || body.isEmpty()) {
      throw new ApiException(
          400, "MissingRequestBody", "body", "a JSON object body is required", null);
    }
    byte[] bytes;
    if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
      try {
        bytes = Base64.getDecoder().decode(body);
      } catch (IllegalArgumentException e) {
        throw new ApiException(
            400, "MalformedRequestBody", "body", "the body is not valid base64", null);
      }
    } else {
      bytes = body.getBytes(StandardCharsets.UTF_8);
    }
    if (bytes.length > MAX_BODY_BYTES) {
      throw new ApiException(
          413,
          "RequestBodyTooLarge",
          "body",
          "the body has " + bytes.length + " bytes; the limit is " + MAX_BODY_BYTES,
          null);
    }
    if (blank(bytes)) {
      // Whitespace only is JSON without a value: not an object rather than not JSON (as before the
      // move to Json).
      throw notAnObject();
    }
    Object tree;
    try {
      tree = Json.readTree(bytes);
    } catch (Json.MalformedJson e) {
      throw new ApiException(
          400, "MalformedRequestBody", "body", "the body is not valid JSON: " + e.detail(), null);
    }
    if (!(tree instanceof Map<?, ?>)) {
      throw notAnObject();
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> object = (Map<String, Object>) tree;
    return object;
  }

  private static ApiException notAnObject() {
    return new ApiException(
        400, "MalformedRequestBody", "body", "the body must be a JSON object", null);
  }

  /**
   * Only JSON whitespace (space, tab, line feed, carriage return), after a byte order mark if any.
   */
  private static boolean blank(byte[] bytes) {
    boolean bom =
        bytes.length >= 3
            && bytes[0] == (byte) 0xEF
            && bytes[1] == (byte) 0xBB
            && bytes[2] == (byte) 0xBF;
    for (int i = bom ? 3 : 0; i < bytes.length; i++) {
      byte b = bytes[i];
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
