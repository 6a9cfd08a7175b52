package dev.sqlup.store;

import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The tables of template.yaml as CreateTable requests, for tests and the local runtime. A test
 * parses template.yaml and checks these match (keys, attribute types, GSIs, billing mode).
 */
public final class TableDefinitions {
  public static final String INSTANCE_ID = "instanceId";
  public static final String TASK_ID = "taskId";
  public static final String CREATED_AT = "createdAt";
  public static final String STATUS = "status";
  public static final String TASKS_BY_INSTANCE = "byInstance";
  public static final String TASKS_BY_STATUS = "byStatus";

  /**
   * Sparse index of the tasks in flight (key {@code inFlight}, present only while started and not
   * finished), projecting the status and {@code overEstimateAt}: the sweeper's one listing.
   */
  public static final String TASKS_IN_FLIGHT = "inFlight";

  private TableDefinitions() {}

  public static CreateTableRequest instances(String tableName) {
    return CreateTableRequest.builder()
        .tableName(tableName)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(string(INSTANCE_ID))
        .keySchema(hash(INSTANCE_ID))
        .build();
  }

  public static CreateTableRequest tasks(String tableName) {
    return CreateTableRequest.builder()
        .tableName(tableName)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(
            string(TASK_ID),
            string(INSTANCE_ID),
            string(CREATED_AT),
            string(STATUS),
            string(TaskRepository.IN_FLIGHT))
        .keySchema(hash(TASK_ID))
        .globalSecondaryIndexes(
            gsi(TASKS_BY_INSTANCE, INSTANCE_ID, CREATED_AT),
            gsi(TASKS_BY_STATUS, STATUS, CREATED_AT),
            gsi(
                TASKS_IN_FLIGHT,
                TaskRepository.IN_FLIGHT,
                CREATED_AT,
                Projection.builder()
                    .projectionType(ProjectionType.INCLUDE)
                    .nonKeyAttributes(STATUS, TaskRepository.OVER_ESTIMATE_AT)
                    .build()))
        .build();
  }

  /** Fleet campaigns (issue 15): one item per campaign, key {@code campaignId}. */
  public static CreateTableRequest campaigns(String tableName) {
    return CreateTableRequest.builder()
        .tableName(tableName)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(string(CampaignRepository.CAMPAIGN_ID))
        .keySchema(hash(CampaignRepository.CAMPAIGN_ID))
        .build();
  }

  /** Creates the tables that do not exist yet and waits until they are ACTIVE (100 ms polls). */
  public static void createAll(DynamoDbClient dynamo, List<CreateTableRequest> tables) {
    for (CreateTableRequest table : tables) {
      try {
        dynamo.createTable(table);
      } catch (ResourceInUseException exists) {
        // Already there (a second local run against the same store): keep it.
      }
    }
    try (DynamoDbWaiter waiter =
        DynamoDbWaiter.builder()
            .client(dynamo)
            .overrideConfiguration(
                WaiterOverrideConfiguration.builder()
                    .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(100)))
                    .maxAttempts(600)
                    .build())
            .build()) {
      for (CreateTableRequest table : tables) {
        waiter.waitUntilTableExists(b -> b.tableName(table.tableName()));
      }
    }
  }

  private static AttributeDefinition string(String name) {
    return AttributeDefinition.builder()
        .attributeName(name)
        .attributeType(ScalarAttributeType.S)
        .build();
  }

  private static KeySchemaElement hash(String name) {
    return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
  }

  private static GlobalSecondaryIndex gsi(String name, String hashKey, String rangeKey) {
    return gsi(
        name, hashKey, rangeKey, Projection.builder().projectionType(ProjectionType.ALL).build());
  }

  private static GlobalSecondaryIndex gsi(
      String name, String hashKey, String rangeKey, Projection projection) {
    return GlobalSecondaryIndex.builder()
        .indexName(name)
        .keySchema(
            hash(hashKey),
            KeySchemaElement.builder().attributeName(rangeKey).keyType(KeyType.RANGE).build())
        .projection(projection)
        .build();
  }
}
