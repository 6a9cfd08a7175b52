package dev.sqlup.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class InProcessLambdaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
  private final List<String> logs = Fixtures.logs();

  @Test
  void apiHandler_getsServicesFromTemplateEnvironmentPlusOverrides_andTheInjectedClock() throws Exception {
    try (InProcessLambda lambda = Fixtures.lambda(clock, logs)) {
      String event = Files.readString(Fixtures.templatePath().getParent().resolve("events/api-get-instances.json"));
      InvocationResult result = lambda.invoke("ListInstancesFunction", event);
      assertThat(result.error()).isFalse();
      JsonNode response = JSON.readTree(result.payload());
      assertThat(response.get("statusCode").asInt()).isEqualTo(200);
      assertThat(response.get("headers").get("X-Handler").asText()).isEqualTo("echo");
      JsonNode body = JSON.readTree(response.get("body").asText());
      assertThat(body.get("tableName").asText()).isEqualTo("sqlup-local-tasks");
      assertThat(body.get("dynamodbEndpoint").asText()).isEqualTo("http://127.0.0.1:8000");
      assertThat(body.get("clockMillis").asLong()).isEqualTo(clock.millis());
      assertThat(body.get("functionName").asText()).isEqualTo("ListInstancesFunction");
      assertThat(body.get("queryStringParameters").get("limit").asText()).isEqualTo("2");
      assertThat(logs).anyMatch(l -> l.startsWith("START RequestId: " + result.requestId()))
          .anyMatch(l -> l.equals("echo GET /instances"))
          .anyMatch(l -> l.startsWith("REPORT RequestId: " + result.requestId()));

      // one warm container: the same instance serves the second call
      JsonNode second = JSON.readTree(JSON.readTree(lambda.invoke("ListInstancesFunction", event).payload())
          .get("body").asText());
      assertThat(second.get("invocations").asInt()).isEqualTo(2);
    }
  }

  @Test
  void recordsInAndOut_useTheRuntimePojoSerializer() throws Exception {
    try (InProcessLambda lambda = Fixtures.lambda(clock, logs)) {
      InvocationResult result = lambda.invoke("GreetingFunction", "{\"name\":\"ada\",\"times\":2,\"extra\":true}");
      assertThat(result.error()).as(result.payload()).isFalse();
      assertThat(JSON.readTree(result.payload()))
          .isEqualTo(JSON.readTree("{\"message\":\"hello ada\",\"echoes\":[\"ada\",\"ada\"]}"));
    }
  }

  @Test
  void streamHandler_getsRawBytes() {
    try (InProcessLambda lambda = Fixtures.lambda(clock, logs)) {
      assertThat(lambda.invoke("UppercaseFunction", "{\"a\":\"b\"}").payload()).isEqualTo("{\"A\":\"B\"}");
    }
  }

  @Test
  void unhandledException_becomesTheRuntimeErrorDocument() throws Exception {
    try (InProcessLambda lambda = Fixtures.lambda(clock, logs)) {
      InvocationResult result = lambda.invoke("FailingFunction", "{}");
      assertThat(result.error()).isTrue();
      JsonNode error = JSON.readTree(result.payload());
      assertThat(error.get("errorMessage").asText()).isEqualTo("database is on fire");
      assertThat(error.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
      assertThat(error.get("stackTrace").get(0).asText())
          .matches("dev\\.sqlup\\.local\\.runtime\\.handlers\\.FailingHandler\\.handleRequest\\(FailingHandler\\.java:\\d+\\)");
    }
  }

  @Test
  void runningPastTimeout_givesLambdasTimeoutError() throws Exception {
    try (InProcessLambda lambda = Fixtures.lambda(clock, logs)) {
      InvocationResult result = lambda.invoke("FailingFunction", "{\"mode\":\"sleep\"}");
      assertThat(result.error()).isTrue();
      assertThat(JSON.readTree(result.payload()).get("errorMessage").asText())
          .endsWith(result.requestId() + " Task timed out after 1.00 seconds");
    }
  }

  @Test
  void missingHandlerClass_isAUserError() {
    SamTemplate t = SamTemplate.parse("""
        Resources:
          F:
            Type: AWS::Serverless::Function
            Properties:
              Handler: com.example.Missing::handleRequest
        """, Path.of("t.yaml"));
    try (InProcessLambda lambda = new InProcessLambda(t, Fixtures.none(), clock, logs::add)) {
      assertThatThrownBy(() -> lambda.invoke("F", "{}"))
          .isInstanceOf(TemplateException.class)
          .hasMessageContaining("com.example.Missing is not on the classpath");
    }
  }
}
