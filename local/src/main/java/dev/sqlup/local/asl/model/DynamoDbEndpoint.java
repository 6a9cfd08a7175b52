package dev.sqlup.local.asl.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where {@code arn:aws:states:::dynamodb:*} tasks go: one DynamoDB JSON 1.0 call (operation such as
 * {@code GetItem}, request and response in DynamoDB's wire JSON with AttributeValue maps). A
 * service error is thrown as a {@link StatesError} named as Step Functions names it, e.g. {@code
 * DynamoDB.ConditionalCheckFailedException}.
 */
@FunctionalInterface
public interface DynamoDbEndpoint {
  JsonNode call(String operation, JsonNode request);
}
