package dev.sqlup.local.asl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.asl.model.ExecutionStatus;
import dev.sqlup.testing.Dynalite;
import dev.sqlup.testing.DynaliteExtension;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The dynamodb:* and events:putEvents integrations against a real local DynamoDB (dynalite over
 * HTTP, signed requests) and a recording events listener.
 */
@ExtendWith(DynaliteExtension.class)
class DynamoDbIntegrationTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void putUpdateGetDelete_throughStepFunctionsIntegrations(DynamoDbClient dynamo) throws Exception {
    String table = "sfn-" + UUID.randomUUID();
    dynamo.createTable(
        b ->
            b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    AttributeDefinition.builder()
                        .attributeName("pk")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(
                    KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
    try (DynamoDbWaiter waiter =
        DynamoDbWaiter.builder()
            .client(dynamo)
            .overrideConfiguration(
                o -> o.backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(100))))
            .build()) {
      waiter.waitUntilTableExists(b -> b.tableName(table));
    }
    String definition =
        """
        {"StartAt":"Put","States":{
          "Put":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem","ResultPath":null,"Next":"PutAgain",
            "Parameters":{"TableName":"%1$s","Item":{"pk":{"S.$":"$.id"},"n":{"N":"1"}}}},
          "PutAgain":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem","ResultPath":"$.dup","Next":"Update",
            "Parameters":{"TableName":"%1$s","Item":{"pk":{"S.$":"$.id"}},"ConditionExpression":"attribute_not_exists(pk)"},
            "Catch":[{"ErrorEquals":["DynamoDB.ConditionalCheckFailedException"],"ResultPath":"$.dup","Next":"Update"}]},
          "Update":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:updateItem","ResultPath":null,"Next":"Get",
            "Parameters":{"TableName":"%1$s","Key":{"pk":{"S.$":"$.id"}},"UpdateExpression":"SET #n = #n + :one",
              "ExpressionAttributeNames":{"#n":"n"},"ExpressionAttributeValues":{":one":{"N":"41"}}}},
          "Get":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:getItem","ResultSelector":{"n.$":"$.Item.n.N"},"ResultPath":"$.got","Next":"Announce",
            "Parameters":{"TableName":"%1$s","Key":{"pk":{"S.$":"$.id"}}}},
          "Announce":{"Type":"Task","Resource":"arn:aws:states:::events:putEvents","ResultSelector":{"failed.$":"$.FailedEntryCount"},"ResultPath":"$.events","Next":"Delete",
            "Parameters":{"Entries":[{"Source":"sqlup","DetailType":"Counted","Detail":{"n.$":"$.got.n"}}]}},
          "Delete":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:deleteItem","ResultPath":null,"End":true,
            "Parameters":{"TableName":"%1$s","Key":{"pk":{"S.$":"$.id"}}}}}}
        """
            .formatted(table);
    CopyOnWriteArrayList<JsonNode> events = new CopyOnWriteArrayList<>();
    try (LocalStepFunctions sfn =
        LocalStepFunctions.builder()
            .dynamoDb(HttpDynamoDbEndpoint.fromEnvironment(Dynalite.endpoint(), "us-east-1"))
            .eventsListener((execution, entries) -> events.addAll(entries))
            .build()) {
      String machine = sfn.createStateMachine("Ddb", definition, null, null).stateMachineArn();
      String exec = sfn.startExecution(machine, "d", "{\"id\":\"item-1\"}").executionArn();

      ExecutionInfo done = sfn.awaitExecution(exec, Duration.ofSeconds(20));

      assertThat(done.status())
          .as(done.error() + " " + done.cause())
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      JsonNode output = MAPPER.readTree(done.output());
      assertThat(output.get("dup").get("Error").asText())
          .isEqualTo("DynamoDB.ConditionalCheckFailedException");
      assertThat(output.get("got").get("n").asText()).isEqualTo("42");
      assertThat(output.get("events").get("failed").asInt()).isZero();
      assertThat(events).hasSize(1);
      assertThat(events.get(0).get("Detail").get("n").asText()).isEqualTo("42");
      assertThat(
              dynamo
                  .getItem(
                      b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("item-1"))))
                  .hasItem())
          .isFalse();
    }
  }
}
