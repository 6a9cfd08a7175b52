package dev.sqlup.local.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the event API Gateway's REST Lambda proxy integration sends for one HTTP request: headers
 * and query string in their single- and multi-value forms, path parameters, the request context
 * with its identity, the body as text or base64. Apart from {@link ApiGatewayEmulator} (serving,
 * routing, mapping responses back) because the event's shape is its own contract with the handlers.
 */
final class ProxyEventBuilder {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);
  private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/");
  private static final String API_ID = "local";

  private final Clock clock;
  private final String stage;

  /**
   * @param clock stamps {@code requestContext.requestTime(Epoch)}
   * @param stage the API's stage, reported in {@code requestContext}
   */
  ProxyEventBuilder(Clock clock, String stage) {
    this.clock = clock;
    this.stage = stage;
  }

  /** The REST API Lambda proxy integration event (payload format 1.0). */
  ObjectNode event(
      HttpExchange exchange,
      ApiRoute route,
      Map<String, String> pathParams,
      String requestId,
      int port)
      throws IOException {
    long now = clock.millis();
    String method = exchange.getRequestMethod();
    String path = decode(exchange.getRequestURI().getRawPath());
    ObjectNode event = JSON.createObjectNode();
    event.put("resource", route.resource());
    event.put("path", path);
    event.put("httpMethod", method);

    Map<String, List<String>> requestHeaders = new LinkedHashMap<>(exchange.getRequestHeaders());
    InetSocketAddress remote = exchange.getRemoteAddress();
    String sourceIp = remote.getAddress().getHostAddress();
    requestHeaders.putIfAbsent("X-Forwarded-For", List.of(sourceIp));
    requestHeaders.putIfAbsent("X-Forwarded-Port", List.of(String.valueOf(port)));
    requestHeaders.putIfAbsent("X-Forwarded-Proto", List.of("http"));
    ObjectNode headers = event.putObject("headers");
    ObjectNode multiHeaders = event.putObject("multiValueHeaders");
    requestHeaders.forEach(
        (name, values) -> {
          headers.put(name, values.get(values.size() - 1));
          ArrayNode list = multiHeaders.putArray(name);
          values.forEach(list::add);
        });

    Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
    if (query.isEmpty()) {
      event.putNull("queryStringParameters");
      event.putNull("multiValueQueryStringParameters");
    } else {
      ObjectNode single = event.putObject("queryStringParameters");
      ObjectNode multi = event.putObject("multiValueQueryStringParameters");
      query.forEach(
          (k, v) -> {
            single.put(k, v.get(v.size() - 1));
            ArrayNode list = multi.putArray(k);
            v.forEach(list::add);
          });
    }
    if (pathParams.isEmpty()) {
      event.putNull("pathParameters");
    } else {
      ObjectNode p = event.putObject("pathParameters");
      pathParams.forEach(p::put);
    }
    event.putNull("stageVariables");

    ObjectNode ctx = event.putObject("requestContext");
    ctx.put("resourceId", Integer.toHexString(route.resource().hashCode() & 0xffffff));
    ctx.put("resourcePath", route.resource());
    ctx.put("httpMethod", method);
    ctx.put("extendedRequestId", requestId);
    ctx.put("requestTime", REQUEST_TIME.format(java.time.Instant.ofEpochMilli(now)));
    ctx.put("path", "/" + stage + path);
    ctx.put("accountId", TemplateResolver.ACCOUNT);
    ctx.put("protocol", exchange.getProtocol());
    ctx.put("stage", stage);
    ctx.put("domainPrefix", API_ID);
    ctx.put("requestTimeEpoch", now);
    ctx.put("requestId", requestId);
    ObjectNode identity = ctx.putObject("identity");
    for (String field :
        List.of(
            "cognitoIdentityPoolId",
            "accountId",
            "cognitoIdentityId",
            "caller",
            "apiKey",
            "principalOrgId",
            "sourceIp",
            "cognitoAuthenticationType",
            "cognitoAuthenticationProvider",
            "userArn",
            "userAgent",
            "user",
            "accessKey")) {
      identity.putNull(field);
    }
    identity.put("sourceIp", sourceIp);
    String userAgent = exchange.getRequestHeaders().getFirst("User-Agent");
    if (userAgent != null) {
      identity.put("userAgent", userAgent);
    }
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization != null) {
      Matcher m = CREDENTIAL.matcher(authorization);
      if (m.find()) {
        // An IAM-authorized call: API Gateway reports the caller's access key (the signature is not
        // checked locally).
        identity.put("accessKey", m.group(1));
        identity.put("accountId", TemplateResolver.ACCOUNT);
      }
    }
    ctx.put("domainName", "127.0.0.1:" + port);
    ctx.put("apiId", API_ID);

    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    if (body.length == 0) {
      event.putNull("body");
      event.put("isBase64Encoded", false);
    } else {
      String text = utf8(body);
      event.put("body", text != null ? text : Base64.getEncoder().encodeToString(body));
      event.put("isBase64Encoded", text == null);
    }
    return event;
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decodeQuery(pair.substring(eq + 1));
      out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return out;
  }

  /** A path segment as the handler sees it: percent-decoded, a {@code +} kept as is. */
  static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String decodeQuery(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
