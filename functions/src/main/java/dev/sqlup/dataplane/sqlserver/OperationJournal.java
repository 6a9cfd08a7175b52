package dev.sqlup.dataplane.sqlserver;

import dev.sqlup.dataplane.DynamoTables;
import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.dataplane.TransientDataPlaneException;
import dev.sqlup.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Where each started operation runs, so {@code poll(key)} (which gets only the key) can find its
 * Agent job, and so a retried start returns the operation already started. One item per operation
 * key (partition key {@code pk}); the entry is JSON in attribute {@code doc}. No secret is ever
 * stored: entries hold the secret ARN only.
 */
public final class OperationJournal {
  private final DynamoDbClient dynamo;
  private final String table;

  public OperationJournal(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  /** Creates the journal table (if missing) and waits until it is ACTIVE. */
  public static void createTable(DynamoDbClient dynamo, String table) {
    DynamoTables.createAll(
        dynamo,
        List.of(
            CreateTableRequest.builder()
                .tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    AttributeDefinition.builder()
                        .attributeName("pk")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(
                    KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .build()));
  }

  public Optional<JournalEntry> get(OperationKey key) {
    try {
      Map<String, AttributeValue> item =
          dynamo
              .getItem(
                  b ->
                      b.tableName(table)
                          .consistentRead(true)
                          .key(Map.of("pk", AttributeValue.fromS(key.render()))))
              .item();
      return item == null || item.isEmpty()
          ? Optional.empty()
          : Optional.of(read(item.get("doc").s()));
    } catch (SdkException e) {
      throw new TransientDataPlaneException("JOURNAL_UNAVAILABLE: " + e.getMessage(), e);
    }
  }

  /**
   * Records a new operation; when the key exists, returns the entry already there (the start is a
   * retry).
   */
  public JournalEntry putIfAbsent(JournalEntry entry) {
    try {
      dynamo.putItem(
          b ->
              b.tableName(table).item(item(entry)).conditionExpression("attribute_not_exists(pk)"));
      return entry;
    } catch (ConditionalCheckFailedException e) {
      return get(entry.key())
          .orElseThrow(() -> new TransientDataPlaneException("JOURNAL_RACE: " + entry.key()));
    } catch (SdkException e) {
      throw new TransientDataPlaneException("JOURNAL_UNAVAILABLE: " + e.getMessage(), e);
    }
  }

  public void put(JournalEntry entry) {
    try {
      dynamo.putItem(b -> b.tableName(table).item(item(entry)));
    } catch (SdkException e) {
      throw new TransientDataPlaneException("JOURNAL_UNAVAILABLE: " + e.getMessage(), e);
    }
  }

  private static Map<String, AttributeValue> item(JournalEntry entry) {
    return Map.of(
        "pk",
        AttributeValue.fromS(entry.key().render()),
        "doc",
        AttributeValue.fromS(Json.write(entry)));
  }

  private static JournalEntry read(String doc) {
    try {
      return Json.read(doc, JournalEntry.class);
    } catch (Json.MalformedJson e) {
      throw new PermanentDataPlaneException("JOURNAL_DECODING: " + e.detail());
    }
  }
}
