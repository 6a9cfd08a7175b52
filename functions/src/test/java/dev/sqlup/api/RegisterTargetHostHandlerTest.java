package dev.sqlup.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlup.config.Services;
import dev.sqlup.dataplane.sqlserver.TargetHost;
import dev.sqlup.dataplane.sqlserver.TargetHostPool;
import dev.sqlup.testing.DynaliteExtension;
import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@ExtendWith(DynaliteExtension.class)
class RegisterTargetHostHandlerTest {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private TargetHostPool pool;
  private RegisterTargetHostHandler handler;

  @BeforeEach
  void setUp(DynamoDbClient dynamo) {
    String table = "pool-" + UUID.randomUUID();
    TargetHostPool.createTable(dynamo, table);
    pool = new TargetHostPool(dynamo, table);
    handler =
        new RegisterTargetHostHandler(
            new Services(Map.of(RegisterTargetHostHandler.TABLE_VARIABLE, table), Clock.systemUTC())
                .withDynamoDb(dynamo));
  }

  private static APIGatewayProxyRequestEvent event() throws Exception {
    try (InputStream in =
        RegisterTargetHostHandlerTest.class.getResourceAsStream(
            "/api/events/register-target-host.json")) {
      return JSON.readValue(in, APIGatewayProxyRequestEvent.class);
    }
  }

  @Test
  void register_returns201_andTheHostIsAvailableInItsPool() throws Exception {
    APIGatewayProxyResponseEvent response = handler.handleRequest(event(), null);

    assertThat(response.getStatusCode()).isEqualTo(201);
    JsonNode body = JSON.readTree(response.getBody());
    assertThat(body.get("status").asText()).isEqualTo("AVAILABLE");
    assertThat(body.get("pool").asText()).isEqualTo("2022|Standard|mssql.x4.large");
    assertThat(pool.find("2022|Standard|mssql.x4.large", "sql22-std-07"))
        .get()
        .extracting(TargetHost::status)
        .isEqualTo(TargetHost.AVAILABLE);
  }

  @Test
  void register_returns409_whenTheHostIdIsTaken() throws Exception {
    handler.handleRequest(event(), null);
    APIGatewayProxyResponseEvent response = handler.handleRequest(event(), null);
    assertThat(response.getStatusCode()).isEqualTo(409);
    assertThat(JSON.readTree(response.getBody()).get("code").asText())
        .isEqualTo("HostAlreadyRegistered");
  }

  @Test
  void register_returns400_withACode_andStoresNothing_forBadInput() throws Exception {
    APIGatewayProxyRequestEvent missingPort =
        event()
            .withBody(
                "{\"hostId\":\"h\",\"host\":\"h\",\"engineVersion\":\"2022\",\"sqlEdition\":\"S\","
                    + "\"instanceType\":\"t\",\"secretArn\":\"arn:x\",\"dataPath\":\"/d\",\"logPath\":\"/l\",\"memoryGib\":8}");
    APIGatewayProxyResponseEvent response = handler.handleRequest(missingPort, null);
    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.getBody()).get("code").asText())
        .isEqualTo("InvalidParameter");
    assertThat(JSON.readTree(response.getBody()).get("field").asText()).isEqualTo("port");

    APIGatewayProxyResponseEvent badVersion =
        handler.handleRequest(
            event().withBody(event().getBody().replace("\"2022\"", "\"22\"")), null);
    assertThat(badVersion.getStatusCode()).isEqualTo(400);
    assertThat(JSON.readTree(badVersion.getBody()).get("message").asText())
        .contains("engineVersion");
    assertThat(pool.list("22|Standard|mssql.x4.large")).isEmpty();

    APIGatewayProxyResponseEvent notJson =
        handler.handleRequest(event().withBody("not json"), null);
    assertThat(notJson.getStatusCode()).isEqualTo(400);
    assertThat(JSON.readTree(notJson.getBody()).get("code").asText())
        .isEqualTo("MalformedRequestBody");
  }
}
