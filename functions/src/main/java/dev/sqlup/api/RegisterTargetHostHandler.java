package dev.sqlup.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.config.Services;
import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.dataplane.TransientDataPlaneException;
import dev.sqlup.dataplane.sqlserver.TargetHost;
import dev.sqlup.dataplane.sqlserver.TargetHostPool;
import java.util.Map;

/**
 * {@code POST /target-hosts}: registers a prepared SQL Server host in the target pool of the sqlserver
 * data plane. Body: {@code hostId, host, port, engineVersion, sqlEdition, instanceType, memoryGib,
 * secretArn, dataPath, logPath} and optional {@code trustServerCertificate}. 201 with the host, 400
 * {@code InvalidParameter} / {@code MalformedRequestBody} for bad input, 409 {@code HostAlreadyRegistered}
 * (with {@code hostId}); errors have the API's shape {@code {"code","message","requestId","field"}}.
 */
public final class RegisterTargetHostHandler extends ApiHandler {
  /** Environment variable naming the pool table. */
  public static final String TABLE_VARIABLE = "TARGET_HOST_POOL_TABLE";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] TEXT_FIELDS =
      {"hostId", "host", "engineVersion", "sqlEdition", "instanceType", "secretArn", "dataPath", "logPath"};

  private final TargetHostPool pool;

  public RegisterTargetHostHandler() {
    this(Services.fromEnvironment());
  }

  public RegisterTargetHostHandler(Services services) {
    super(services);
    this.pool = new TargetHostPool(services.dynamoDb(), services.env(TABLE_VARIABLE));
  }

  @Override
  protected APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
    JsonNode body = body(event);
    for (String field : TEXT_FIELDS) {
      if (!body.path(field).isTextual()) {
        throw ApiException.invalid(field, field + " is required and must be a string");
      }
    }
    for (String field : new String[] {"port", "memoryGib"}) {
      if (!body.path(field).canConvertToInt() || !body.path(field).isIntegralNumber()) {
        throw ApiException.invalid(field, field + " is required and must be an integer");
      }
    }
    if (body.has("trustServerCertificate") && !body.get("trustServerCertificate").isBoolean()) {
      throw ApiException.invalid("trustServerCertificate", "trustServerCertificate must be a boolean");
    }
    TargetHost host = new TargetHost(body.get("hostId").asText(), body.get("host").asText(), body.get("port").asInt(),
        body.get("engineVersion").asText(), body.get("sqlEdition").asText(), body.get("instanceType").asText(),
        body.get("memoryGib").asInt(), body.get("secretArn").asText(), body.get("dataPath").asText(),
        body.get("logPath").asText(), body.path("trustServerCertificate").asBoolean(false), null, null);
    try {
      return json(201, view(pool.register(host)));
    } catch (TargetHostPool.HostAlreadyRegisteredException e) {
      throw new ApiException(409, "HostAlreadyRegistered", "hostId", "hostId " + host.hostId() + " is already registered",
          Map.of("hostId", host.hostId()));
    } catch (PermanentDataPlaneException e) {
      // "CODE: message" from TargetHost validation; the message names the field at fault
      String message = e.getMessage();
      int colon = message.indexOf(':');
      throw new ApiException(400, "InvalidParameter", null, colon > 0 ? message.substring(colon + 1).trim() : message,
          null);
    } catch (TransientDataPlaneException e) {
      throw new ApiException(503, "ServiceUnavailable", null, "the target host pool is unavailable; retry", null);
    }
  }

  private static JsonNode body(APIGatewayProxyRequestEvent event) {
    if (event.getBody() == null) {
      throw new ApiException(400, "MissingRequestBody", null, "a JSON body is required", null);
    }
    JsonNode body;
    try {
      body = JSON.readTree(event.getBody());
    } catch (Exception e) {
      throw new ApiException(400, "MalformedRequestBody", null, "the body is not JSON", null);
    }
    if (body == null || !body.isObject()) {
      throw new ApiException(400, "MalformedRequestBody", null, "the body must be a JSON object", null);
    }
    return body;
  }

  private static ObjectNode view(TargetHost host) {
    return JSON.createObjectNode().put("hostId", host.hostId()).put("host", host.host()).put("port", host.port())
        .put("engineVersion", host.engineVersion()).put("sqlEdition", host.sqlEdition())
        .put("instanceType", host.instanceType()).put("memoryGib", host.memoryGib()).put("secretArn", host.secretArn())
        .put("dataPath", host.dataPath()).put("logPath", host.logPath())
        .put("trustServerCertificate", host.trustServerCertificate()).put("status", host.status())
        .put("pool", host.poolKey());
  }
}
