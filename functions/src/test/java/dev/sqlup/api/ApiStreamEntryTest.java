package dev.sqlup.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.testing.DynaliteExtension;
import dev.sqlup.testing.TestJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every raw API Gateway event of {@code events/} and the test fixtures, as bytes through a
 * handler's Lambda entry point (the stream method), gets the answer the typed method gives the
 * event the Lambda runtime's own serializer reads, written in the proxy response format.
 */
@ExtendWith(DynaliteExtension.class)
class ApiStreamEntryTest {
  private final DynamoDbClient dynamo;

  ApiStreamEntryTest(DynamoDbClient dynamo) {
    this.dynamo = dynamo;
  }

  static List<Path> apiEvents() {
    return ProxyEventsTest.apiEvents();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("apiEvents")
  void rawEvent_throughTheStreamEntry_getsTheTypedAnswer(Path file) throws Exception {
    // GIVEN two identical stores: the guide's instance (unless the event registers it) and a
    // running task
    ApiFixture typed = seeded(file);
    ApiFixture streamed = seeded(file);
    APIGatewayProxyRequestEvent event = ApiFixture.event(file);

    // WHEN the event goes to the typed method in one, its raw bytes to the stream method in the
    // other
    APIGatewayProxyResponseEvent expected = typed.handlerFor(event).handleRequest(event, null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    streamed
        .handlerFor(event)
        .handleRequest(new ByteArrayInputStream(Files.readAllBytes(file)), out, null);

    // THEN the same answer, as a proxy response
    JsonNode response = TestJson.MAPPER.readTree(out.toByteArray());
    List<String> fields = new ArrayList<>();
    response.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("statusCode", "headers", "body", "isBase64Encoded");
    assertThat(response.get("statusCode").isInt()).isTrue();
    assertThat(response.get("statusCode").asInt())
        .as(expected.getBody())
        .isEqualTo(expected.getStatusCode());
    assertThat(TestJson.MAPPER.convertValue(response.get("headers"), Map.class))
        .isEqualTo(expected.getHeaders());
    assertThat(response.get("body").textValue()).isEqualTo(expected.getBody());
    assertThat(response.get("isBase64Encoded").booleanValue()).isFalse();
    // AND the same writes
    assertThat(streamed.snapshot()).isEqualTo(typed.snapshot());
  }

  /**
   * template.yaml names {@code Class::handleRequest}, and the class has two methods of that name:
   * the Java runtime then ranks the overloads (aws-lambda-java-libs, {@code
   * EventHandlerLoader.methodPriority}: non-bridge first, then the longer signature, a trailing
   * Context counting one more) and must pick the stream method, or it would deserialise the event
   * reflectively again.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      classes = {
        RegisterInstanceHandler.class,
        ListInstancesHandler.class,
        GetInstanceHandler.class,
        GetUpgradeOptionsHandler.class,
        SubmitUpgradeHandler.class,
        ListInstanceTasksHandler.class,
        GetTaskHandler.class,
        CancelTaskHandler.class,
        RegisterTargetHostHandler.class
      })
  void theLambdaRuntimesOverloadRule_picksTheStreamMethod(Class<?> handler) {
    Method first =
        Arrays.stream(handler.getMethods())
            .filter(m -> m.getName().equals("handleRequest"))
            .min(
                Comparator.comparing((Method m) -> m.isBridge())
                    .thenComparing(m -> -(m.getParameterCount() + (lastIsContext(m) ? 1 : 0))))
            .orElseThrow();

    assertThat(first.getParameterTypes())
        .containsExactly(InputStream.class, OutputStream.class, Context.class);
  }

  private static boolean lastIsContext(Method m) {
    Class<?>[] params = m.getParameterTypes();
    return params.length > 0 && params[params.length - 1] == Context.class;
  }

  private ApiFixture seeded(Path file) {
    ApiFixture api = new ApiFixture(dynamo);
    api.seedFor(file);
    return api;
  }
}
