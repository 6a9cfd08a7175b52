package dev.sqlup.local.asl.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.asl.model.StatesError;
import dev.sqlup.local.asl.model.TaskContext;
import java.util.Map;
import java.util.UUID;

/**
 * {@code arn:aws:states:::dynamodb:getItem|putItem|updateItem|deleteItem} (developer guide "Call
 * DynamoDB APIs with Step Functions"): Parameters are the API request in DynamoDB's JSON
 * (AttributeValue maps); the result is the API response plus the SdkHttpMetadata /
 * SdkResponseMetadata Step Functions adds.
 */
public record DynamoDbResource(String arn, String api) implements TaskResource {
  public static final Map<String, String> OPERATIONS =
      Map.of(
          "getItem", "GetItem",
          "putItem", "PutItem",
          "updateItem", "UpdateItem",
          "deleteItem", "DeleteItem");

  @Override
  public String resourceType() {
    return "dynamodb";
  }

  @Override
  public String resourceName() {
    return api;
  }

  @Override
  public JsonNode call(JsonNode parameters, TaskServices services, TaskContext ctx) {
    if (services.dynamoDb() == null) {
      throw new StatesError(
          "States.Runtime",
          "No DynamoDB endpoint is configured for " + arn + " in the local engine");
    }
    JsonNode response = services.dynamoDb().call(OPERATIONS.get(api), parameters);
    ObjectNode result = response.isObject() ? (ObjectNode) response.deepCopy() : null;
    if (result == null) {
      throw new StatesError(
          "States.Runtime", "DynamoDB returned a non-object response: " + response);
    }
    String requestId = UUID.randomUUID().toString();
    ObjectNode http = result.putObject("SdkHttpMetadata");
    http.putObject("HttpHeaders").put("Content-Type", "application/x-amz-json-1.0");
    http.put("HttpStatusCode", 200);
    result.putObject("SdkResponseMetadata").put("RequestId", requestId);
    return result;
  }
}
