package dev.sqlup.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.config.Services;
import dev.sqlup.testing.Dynalite;
import dev.sqlup.testing.TestJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The proxy event and response JSON of the API handlers' Lambda entry point, against the Lambda
 * runtime's.
 */
class ProxyEventsTest {
  /** Every REST proxy event of events/ and of the test fixtures. */
  static List<Path> apiEvents() {
    return Stream.of(
            Dynalite.projectRoot().resolve("events"),
            Path.of("src/test/resources/apigateway/events"),
            Path.of("src/test/resources/api/events"))
        .flatMap(ProxyEventsTest::list)
        .filter(f -> f.toString().endsWith(".json") && read(f).has("httpMethod"))
        .sorted()
        .toList();
  }

  @Test
  void theFixtures_coverEveryRoute() {
    assertThat(apiEvents())
        .extracting(
            f -> read(f).get("httpMethod").asText() + " " + read(f).get("resource").asText())
        .containsAll(
            List.of(
                "POST /instances",
                "GET /instances",
                "GET /instances/{instanceId}",
                "GET /instances/{instanceId}/upgrade-options",
                "POST /instances/{instanceId}/upgrades",
                "GET /instances/{instanceId}/tasks",
                "GET /tasks/{taskId}",
                "DELETE /tasks/{taskId}",
                "POST /target-hosts"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("apiEvents")
  void readRequest_readsWhatTheLambdaRuntimeReads(Path file) throws IOException {
    APIGatewayProxyRequestEvent ours = ProxyEvents.readRequest(Files.readAllBytes(file));

    assertThat(fields(ours)).isEqualTo(fields(ApiFixture.event(file)));
    assertThat(ours.getRequestContext().getRequestId()).isNotBlank();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("apiEvents")
  void writeRequest_thenReadRequest_isTheSameEvent(Path file) {
    APIGatewayProxyRequestEvent event = ApiFixture.event(file);

    APIGatewayProxyRequestEvent back = ProxyEvents.readRequest(ProxyEvents.writeRequest(event));

    assertThat(fields(back)).isEqualTo(fields(event));
  }

  @Test
  void readRequest_ignoresFieldsItDoesNotRead() {
    String json =
        """
        {"version": "1.0", "resource": "/instances", "path": "/instances", "httpMethod": "GET",
         "requestContext": {"requestId": "r-1", "authorizer": {"claims": {"sub": 1}}, "identity": {"sourceIp": "1.2.3.4"},
                            "requestTimeEpoch": 1772445600000, "newField": [1, 2]},
         "headers": {"Accept": "*/*"}, "body": null, "isBase64Encoded": false, "somethingNew": {"a": [true]}}""";

    APIGatewayProxyRequestEvent event =
        ProxyEvents.readRequest(json.getBytes(StandardCharsets.UTF_8));

    assertThat(event.getHttpMethod()).isEqualTo("GET");
    assertThat(event.getHeaders()).containsExactly(Map.entry("Accept", "*/*"));
    assertThat(event.getRequestContext().getRequestId()).isEqualTo("r-1");
    assertThat(event.getRequestContext().getRequestTimeEpoch()).isEqualTo(1772445600000L);
    assertThat(event.getBody()).isNull();
    assertThat(event.getIsBase64Encoded()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "null",
        "[]",
        "42",
        "\"text\"",
        "not json",
        "{\"a\":1} {}",
        "{\"a\":1,\"a\":2}",
        "{\"headers\":5}",
        "{\"headers\":{\"Accept\":1}}",
        "{\"body\":{}}",
        "{\"httpMethod\":true}",
        "{\"multiValueHeaders\":{\"Accept\":\"*/*\"}}",
        "{\"multiValueQueryStringParameters\":{\"a\":[1]}}",
        "{\"requestContext\":[]}",
        "{\"requestContext\":{\"requestId\":7}}",
        "{\"requestContext\":{\"requestTimeEpoch\":\"soon\"}}",
        "{\"isBase64Encoded\":\"yes\"}"
      })
  void aPayloadThatIsNotAProxyEvent_isAnswered400MalformedEvent(String payload) throws IOException {
    GetInstanceHandler handler = new GetInstanceHandler(new Services(Map.of(), Clock.systemUTC()));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out, null);

    JsonNode response = TestJson.MAPPER.readTree(out.toByteArray());
    assertThat(response.get("statusCode").asInt()).isEqualTo(400);
    JsonNode body = TestJson.MAPPER.readTree(response.get("body").asText());
    assertThat(body.get("code").asText()).isEqualTo("MalformedEvent");
    assertThat(body.get("field").asText()).isEqualTo("event");
    assertThat(body.get("requestId").asText()).isEqualTo("local");
    assertThat(body.get("message").asText()).isNotBlank();
  }

  @Test
  void writeResponse_writesTheProxyResponse_withMultiValueHeadersOnlyWhenSet() throws IOException {
    APIGatewayProxyResponseEvent plain =
        new APIGatewayProxyResponseEvent()
            .withStatusCode(201)
            .withHeaders(Map.of("Content-Type", "application/json"))
            .withBody("{\"a\":\"é\\n\"}");
    APIGatewayProxyResponseEvent multi =
        new APIGatewayProxyResponseEvent()
            .withStatusCode(200)
            .withMultiValueHeaders(Map.of("Set-Cookie", List.of("a=1", "b=2")))
            .withBody("aGk=")
            .withIsBase64Encoded(true);

    assertThat(written(plain))
        .isEqualTo(
            "{\"statusCode\":201,\"headers\":{\"Content-Type\":\"application/json\"},\"body\":\"{\\\"a\\\":\\\"é\\\\n\\\"}\","
                + "\"isBase64Encoded\":false}");
    assertThat(TestJson.MAPPER.readTree(written(multi)))
        .isEqualTo(
            TestJson.MAPPER.readTree(
                "{\"statusCode\":200,\"multiValueHeaders\":{\"Set-Cookie\":[\"a=1\",\"b=2\"]},\"body\":\"aGk=\",\"isBase64Encoded\":true}"));
    APIGatewayProxyResponseEvent back =
        ProxyEvents.readResponse(written(multi).getBytes(StandardCharsets.UTF_8));
    assertThat(back.getStatusCode()).isEqualTo(200);
    assertThat(back.getMultiValueHeaders()).isEqualTo(multi.getMultiValueHeaders());
    assertThat(back.getBody()).isEqualTo("aGk=");
    assertThat(back.getIsBase64Encoded()).isTrue();
  }

  @Test
  void readResponse_refusesAResponseWithoutAStatus() {
    assertThatThrownBy(
            () -> ProxyEvents.readResponse("{\"body\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ProxyEvents.MalformedEvent.class)
        .hasMessageContaining("statusCode");
    assertThatThrownBy(() -> ProxyEvents.readResponse("[]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ProxyEvents.MalformedEvent.class);
  }

  private static String written(APIGatewayProxyResponseEvent response) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ProxyEvents.writeResponse(response, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The fields ProxyEvents reads, by name. */
  private static Map<String, Object> fields(APIGatewayProxyRequestEvent e) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("resource", e.getResource());
    f.put("path", e.getPath());
    f.put("httpMethod", e.getHttpMethod());
    f.put("headers", e.getHeaders());
    f.put("multiValueHeaders", e.getMultiValueHeaders());
    f.put("queryStringParameters", e.getQueryStringParameters());
    f.put("multiValueQueryStringParameters", e.getMultiValueQueryStringParameters());
    f.put("pathParameters", e.getPathParameters());
    f.put("stageVariables", e.getStageVariables());
    f.put("body", e.getBody());
    f.put("isBase64Encoded", e.getIsBase64Encoded());
    var c = e.getRequestContext();
    if (c != null) {
      f.put(
          "requestContext",
          List.of(
              String.valueOf(c.getRequestId()),
              String.valueOf(c.getExtendedRequestId()),
              String.valueOf(c.getAccountId()),
              String.valueOf(c.getApiId()),
              String.valueOf(c.getStage()),
              String.valueOf(c.getResourceId()),
              String.valueOf(c.getResourcePath()),
              String.valueOf(c.getHttpMethod()),
              String.valueOf(c.getPath()),
              String.valueOf(c.getRequestTimeEpoch())));
    }
    return f;
  }

  private static Stream<Path> list(Path dir) {
    try {
      return Files.list(dir).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(Path file) {
    try {
      return TestJson.MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
