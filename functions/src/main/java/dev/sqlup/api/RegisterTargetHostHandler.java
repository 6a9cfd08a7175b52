package dev.sqlup.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.dataplane.TransientDataPlaneException;
import dev.sqlup.dataplane.sqlserver.TargetHost;
import dev.sqlup.dataplane.sqlserver.TargetHostPool;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code POST /target-hosts}: registers a prepared SQL Server host in the target pool of the sqlserver
 * data plane. Body: {@code hostId, host, port, engineVersion, sqlEdition, instanceType, memoryGib,
 * secretArn, dataPath, logPath} and optional {@code trustServerCertificate}. 201 with the host, 400
 * with a code for bad input, 409 HOST_ALREADY_REGISTERED with the registered host.
 */
public final class RegisterTargetHostHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
  /** Environment variable naming the pool table. */
  public static final String TABLE_VARIABLE = "TARGET_HOST_POOL_TABLE";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TargetHostPool pool;

  public RegisterTargetHostHandler() {
    this(new TargetHostPool(DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
        requiredEnvironment(TABLE_VARIABLE)));
  }

  public RegisterTargetHostHandler(TargetHostPool pool) {
    this.pool = pool;
  }

  private static String requiredEnvironment(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " is not set");
    }
    return value;
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
    JsonNode body;
    try {
      body = event.getBody() == null ? null : JSON.readTree(event.getBody());
    } catch (Exception e) {
      return error(400, "INVALID_JSON", "the body is not JSON");
    }
    if (body == null || !body.isObject()) {
      return error(400, "INVALID_JSON", "the body must be a JSON object");
    }
    for (String field : new String[] {"hostId", "host", "engineVersion", "sqlEdition", "instanceType", "secretArn", "dataPath", "logPath"}) {
      if (!body.path(field).isTextual()) {
        return error(400, "INVALID_TARGET_HOST", field + " is required and must be a string");
      }
    }
    if (!body.path("port").canConvertToInt() || !body.path("memoryGib").canConvertToInt()) {
      return error(400, "INVALID_TARGET_HOST", "port and memoryGib are required integers");
    }
    if (body.has("trustServerCertificate") && !body.get("trustServerCertificate").isBoolean()) {
      return error(400, "INVALID_TARGET_HOST", "trustServerCertificate must be a boolean");
    }
    TargetHost host = new TargetHost(body.get("hostId").asText(), body.get("host").asText(), body.get("port").asInt(),
        body.get("engineVersion").asText(), body.get("sqlEdition").asText(), body.get("instanceType").asText(),
        body.get("memoryGib").asInt(), body.get("secretArn").asText(), body.get("dataPath").asText(), body.get("logPath").asText(),
        body.path("trustServerCertificate").asBoolean(false), null, null);
    try {
      return json(201, view(pool.register(host)));
    } catch (TargetHostPool.HostAlreadyRegisteredException e) {
      ObjectNode error = JSON.createObjectNode().put("code", "HOST_ALREADY_REGISTERED").put("message", "hostId is already registered");
      error.set("host", view(e.existing()));
      return json(409, error);
    } catch (PermanentDataPlaneException e) {
      String message = e.getMessage();
      int colon = message.indexOf(':');
      return error(400, colon > 0 ? message.substring(0, colon) : "INVALID_TARGET_HOST", colon > 0 ? message.substring(colon + 1).trim() : message);
    } catch (TransientDataPlaneException e) {
      return error(503, "POOL_UNAVAILABLE", "the pool table is unavailable; retry");
    }
  }

  private static ObjectNode view(TargetHost host) {
    return JSON.createObjectNode().put("hostId", host.hostId()).put("host", host.host()).put("port", host.port())
        .put("engineVersion", host.engineVersion()).put("sqlEdition", host.sqlEdition()).put("instanceType", host.instanceType())
        .put("memoryGib", host.memoryGib()).put("secretArn", host.secretArn()).put("dataPath", host.dataPath())
        .put("logPath", host.logPath()).put("trustServerCertificate", host.trustServerCertificate()).put("status", host.status())
        .put("pool", host.poolKey());
  }

  private static APIGatewayProxyResponseEvent error(int status, String code, String message) {
    return json(status, JSON.createObjectNode().put("code", code).put("message", message));
  }

  private static APIGatewayProxyResponseEvent json(int status, JsonNode body) {
    return new APIGatewayProxyResponseEvent().withStatusCode(status)
        .withHeaders(Map.of("Content-Type", "application/json")).withBody(body.toString());
  }
}
