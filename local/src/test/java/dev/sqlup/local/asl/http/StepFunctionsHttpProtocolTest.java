package dev.sqlup.local.asl.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlup.local.asl.StepFunctions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The AWS JSON 1.0 wire protocol as a plain HTTP client sees it: bad input is a 400 in AWS's shape.
 */
class StepFunctionsHttpProtocolTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private StepFunctions engine;
  private StepFunctionsHttpServer server;

  @BeforeEach
  void start() throws Exception {
    engine = TestEngines.inMemory();
    server = new StepFunctionsHttpServer(engine, 0).start();
  }

  @AfterEach
  void stop() {
    server.close();
    engine.close();
  }

  private HttpResponse<String> post(String target, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.endpoint())
            .header("Content-Type", "application/x-amz-json-1.0")
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=x/20261124/us-east-1/states/aws4_request, "
                    + "SignedHeaders=host;x-amz-date, Signature=0000")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (target != null) {
      request.header("X-Amz-Target", target);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  @Test
  void listStateMachines_withAnyAuthorization_answersJson10() throws Exception {
    HttpResponse<String> response = post("AWSStepFunctions.ListStateMachines", "{}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/x-amz-json-1.0");
    assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    assertThat(json(response).get("stateMachines").isArray()).isTrue();
  }

  @Test
  void emptyBody_isAnEmptyRequest() throws Exception {
    assertThat(post("AWSStepFunctions.ListStateMachines", "").statusCode()).isEqualTo(200);
  }

  @Test
  void unknownOperation_isUnknownOperationException() throws Exception {
    HttpResponse<String> response = post("AWSStepFunctions.DescribeActivity", "{}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("__type").asText()).isEqualTo("UnknownOperationException");
    assertThat(response.headers().firstValue("x-amzn-ErrorType"))
        .hasValue("UnknownOperationException");
  }

  @Test
  void missingOrForeignTarget_isUnknownOperationException() throws Exception {
    assertThat(json(post(null, "{}")).get("__type").asText())
        .isEqualTo("UnknownOperationException");
    assertThat(json(post("DynamoDB_20120810.ListTables", "{}")).get("__type").asText())
        .isEqualTo("UnknownOperationException");
  }

  @Test
  void malformedJson_isSerializationException() throws Exception {
    HttpResponse<String> response = post("AWSStepFunctions.CreateStateMachine", "{\"name\": ");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("__type").asText()).isEqualTo("SerializationException");
    assertThat(json(response).get("message").asText()).isNotBlank();
  }

  @Test
  void nonObjectBody_andWrongMemberType_areSerializationException() throws Exception {
    assertThat(json(post("AWSStepFunctions.ListStateMachines", "[1,2]")).get("__type").asText())
        .isEqualTo("SerializationException");
    assertThat(
            json(post(
                    "AWSStepFunctions.CreateStateMachine",
                    "{\"name\": 5, \"definition\": \"{}\", \"roleArn\": \"r\"}"))
                .get("__type")
                .asText())
        .isEqualTo("SerializationException");
    assertThat(
            json(post("AWSStepFunctions.ListStateMachines", "{\"maxResults\": \"ten\"}"))
                .get("__type")
                .asText())
        .isEqualTo("SerializationException");
  }

  @Test
  void missingRequiredMember_isValidationException_andCreatesNothing() throws Exception {
    HttpResponse<String> response =
        post("AWSStepFunctions.CreateStateMachine", "{\"name\": \"a\", \"definition\": \"{}\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("__type").asText()).isEqualTo("ValidationException");
    assertThat(json(response).get("message").asText()).contains("'roleArn'");
    assertThat(engine.listStateMachines()).isEmpty();
  }

  @Test
  void badEnumValue_isValidationException() throws Exception {
    HttpResponse<String> response =
        post(
            "AWSStepFunctions.CreateStateMachine",
            "{\"name\": \"a\", \"definition\": \"{}\", \"roleArn\": \"r\", \"type\": \"FAST\"}");

    assertThat(json(response).get("__type").asText()).isEqualTo("ValidationException");
    assertThat(engine.listStateMachines()).isEmpty();
  }

  @Test
  void updateWithNothingToChange_isMissingRequiredParameter() throws Exception {
    HttpResponse<String> response =
        post(
            "AWSStepFunctions.UpdateStateMachine",
            "{\"stateMachineArn\": \"arn:aws:states:us-east-1:123456789012:stateMachine:a\"}");

    assertThat(json(response).get("__type").asText()).isEqualTo("MissingRequiredParameter");
  }

  @Test
  void otherMethodsAndPaths_areNotServed() throws Exception {
    HttpResponse<String> get =
        http.send(
            HttpRequest.newBuilder(server.endpoint()).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> otherPath =
        http.send(
            HttpRequest.newBuilder(URI.create(server.endpoint() + "/states"))
                .header("X-Amz-Target", "AWSStepFunctions.ListStateMachines")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(get.statusCode()).isEqualTo(400);
    assertThat(json(get).get("__type").asText()).isEqualTo("UnknownOperationException");
    assertThat(otherPath.statusCode()).isEqualTo(400);
  }

  @Test
  void timestamps_areEpochSecondsNumbers() throws Exception {
    HttpResponse<String> created =
        post(
            "AWSStepFunctions.CreateStateMachine",
            JSON.createObjectNode()
                .put("name", "t")
                .put("definition", Definitions.PASS_CHAIN)
                .put("roleArn", Definitions.ROLE)
                .toString());

    JsonNode creationDate = json(created).get("creationDate");
    assertThat(creationDate.isNumber()).isTrue();
    assertThat(creationDate.asDouble()).isBetween(1.0e9, 1.0e10);
  }

  @Test
  void binds_loopbackOnly() {
    assertThat(server.endpoint().getHost()).isEqualTo("127.0.0.1");
    assertThat(server.port()).isPositive();
  }
}
