package dev.sqlup.dataplane;

import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * Creates the data planes' own tables for tests and the local runtime (template.yaml declares them
 * in AWS). The store has the same routine for its tables: store and dataplane do not know each
 * other.
 */
public final class DynamoTables {
  private DynamoTables() {}

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
}
