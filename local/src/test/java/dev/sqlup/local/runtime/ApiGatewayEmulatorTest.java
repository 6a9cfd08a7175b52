package dev.sqlup.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiGatewayEmulatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
  private final List<String> logs = Fixtures.logs();
  private final HttpClient http = HttpClient.newHttpClient();
  private InProcessLambda lambda;
  private ApiGatewayEmulator api;

  @BeforeEach
  void start() {
    lambda = Fixtures.lambda(clock, logs);
    api = new ApiGatewayEmulator(lambda, 0, clock, logs::add);
  }

  @AfterEach
  void stop() {
    api.close();
    lambda.close();
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(api.url() + path))
            .header("Content-Type", "application/json")
            .header("User-Agent", "sqlup-test");
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void routesAreTheTemplatesApiEvents_mostSpecificFirst() {
    assertThat(api.routes())
        .extracting(ApiRoute::resource)
        .containsExactlyInAnyOrder(
            "/instances",
            "/instances/{instanceId}/upgrade-options",
            "/instances/{instanceId}/upgrades",
            "/files/{proxy+}",
            "/boom");
  }

  @Test
  void pathParametersQueryAndBody_reachTheHandlerAsApiGatewaySendsThem() throws Exception {
    HttpResponse<String> response =
        send("POST", "/instances/db%2D1/upgrades?dryRun=true&tag=a&tag=b", "{\"x\":1}");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("X-Handler")).contains("echo");
    JsonNode echo = JSON.readTree(response.body());
    assertThat(echo.get("httpMethod").asText()).isEqualTo("POST");
    assertThat(echo.get("resource").asText()).isEqualTo("/instances/{instanceId}/upgrades");
    assertThat(echo.get("path").asText()).isEqualTo("/instances/db-1/upgrades");
    assertThat(echo.get("pathParameters").get("instanceId").asText()).isEqualTo("db-1");
    assertThat(echo.get("queryStringParameters").get("tag").asText()).isEqualTo("b");
    assertThat(echo.get("multiValueQueryStringParameters").get("tag").toString())
        .isEqualTo("[\"a\",\"b\"]");
    assertThat(echo.get("body").asText()).isEqualTo("{\"x\":1}");
    assertThat(echo.get("stage").asText()).isEqualTo("v1");
    assertThat(echo.get("sourceIp").asText()).isEqualTo("127.0.0.1");
    String logLine = "POST /instances/db%2D1/upgrades\\?dryRun=true&tag=a&tag=b 200 \\d+ ms";
    Fixtures.awaitLog(logs, l -> l.matches(logLine));
    assertThat(logs).anyMatch(l -> l.matches(logLine));
  }

  @Test
  void proxyPlus_capturesTheRestOfThePath_andAnyMatchesEveryMethod() throws Exception {
    HttpResponse<String> response = send("DELETE", "/files/a/b/c.txt", null);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode echo = JSON.readTree(response.body());
    assertThat(echo.get("pathParameters").get("proxy").asText()).isEqualTo("a/b/c.txt");
    assertThat(echo.get("queryStringParameters").isNull()).isTrue();
    assertThat(echo.get("body").isNull()).isTrue();
  }

  @Test
  void handlerStatusCodeAndHeaders_areMappedBack() throws Exception {
    HttpResponse<String> response = send("GET", "/instances?status=418", null);
    assertThat(response.statusCode()).isEqualTo(418);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
  }

  @Test
  void unknownRouteOrMethod_isMissingAuthenticationToken() throws Exception {
    for (HttpResponse<String> r :
        List.of(
            send("GET", "/nope", null),
            send("DELETE", "/instances", null),
            send("GET", "/files", null))) {
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(r.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
    }
  }

  @Test
  void throwingOrMalformedHandler_isInternalServerError() throws Exception {
    HttpResponse<String> thrown = send("POST", "/boom", "{}");
    assertThat(thrown.statusCode()).isEqualTo(502);
    assertThat(thrown.body()).isEqualTo("{\"message\": \"Internal server error\"}");
    HttpResponse<String> garbage = send("POST", "/boom", "{\"mode\":\"garbage\"}");
    assertThat(garbage.statusCode()).isEqualTo(502);
    assertThat(logs).anyMatch(l -> l.contains("malformed proxy response"));
  }

  @Test
  void eventShape_matchesTheRestProxyFormat() throws Exception {
    // The exact event is what the handler was given; rebuild it through a capturing request.
    HttpResponse<String> r = send("GET", "/instances/i-1/upgrade-options", null);
    assertThat(r.statusCode()).isEqualTo(200);
    var exchangeEvent = JSON.readTree(lambdaEventOf("/instances/i-1/upgrade-options"));
    assertThat(exchangeEvent.fieldNames())
        .toIterable()
        .containsExactly(
            "resource",
            "path",
            "httpMethod",
            "headers",
            "multiValueHeaders",
            "queryStringParameters",
            "multiValueQueryStringParameters",
            "pathParameters",
            "stageVariables",
            "requestContext",
            "body",
            "isBase64Encoded");
    JsonNode ctx = exchangeEvent.get("requestContext");
    assertThat(ctx.get("accountId").asText()).isEqualTo("123456789012");
    assertThat(ctx.get("resourcePath").asText())
        .isEqualTo("/instances/{instanceId}/upgrade-options");
    assertThat(ctx.get("path").asText()).isEqualTo("/v1/instances/i-1/upgrade-options");
    assertThat(ctx.get("requestTime").asText()).isEqualTo("01/Mar/2026:10:00:00 +0000");
    assertThat(ctx.get("requestTimeEpoch").asLong()).isEqualTo(clock.millis());
    assertThat(ctx.get("protocol").asText()).isEqualTo("HTTP/1.1");
    assertThat(ctx.get("identity").get("userAgent").asText()).isEqualTo("sqlup-test");
    assertThat(ctx.get("identity").get("accessKey").asText()).isEqualTo("AKIDEXAMPLE");
  }

  /**
   * Sends a signed-looking request to the stream handler route-less path by building the event
   * directly.
   */
  private String lambdaEventOf(String path) throws Exception {
    java.util.concurrent.atomic.AtomicReference<String> captured =
        new java.util.concurrent.atomic.AtomicReference<>();
    com.sun.net.httpserver.HttpServer probe =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    probe.createContext(
        "/",
        exchange -> {
          try (exchange) {
            ApiRoute route =
                new ApiRoute(
                    "/instances/{instanceId}/upgrade-options", "GET", "ListInstancesFunction");
            captured.set(
                api.event(exchange, route, java.util.Map.of("instanceId", "i-1"), "req-1")
                    .toString());
            exchange.sendResponseHeaders(204, -1);
          }
        });
    probe.start();
    try {
      http.send(
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + probe.getAddress().getPort() + path))
              .header("User-Agent", "sqlup-test")
              .header(
                  "Authorization",
                  "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260301/us-east-1/execute-api/aws4_request, "
                      + "SignedHeaders=host;x-amz-date, Signature=abc")
              .GET()
              .build(),
          HttpResponse.BodyHandlers.discarding());
    } finally {
      probe.stop(0);
    }
    return captured.get();
  }

  @Test
  void portInUse_isAUserError() {
    assertThatThrownBy(() -> new ApiGatewayEmulator(lambda, api.port(), clock, logs::add))
        .isInstanceOf(UserException.class)
        .hasMessageStartingWith("port " + api.port() + " is in use");
  }
}
