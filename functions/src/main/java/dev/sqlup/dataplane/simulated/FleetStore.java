package dev.sqlup.dataplane.simulated;

import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.TransientDataPlaneException;
import dev.sqlup.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The fleet table behind the simulator. Each host (source, target) is one item holding a JSON
 * document and a version; writes are conditional on the version read (optimistic concurrency). Each
 * operation also has its own item so {@code poll(key)} finds it by key alone. SDK failures other
 * than a lost condition become {@link TransientDataPlaneException} here and nowhere else.
 *
 * <p>Layout: {@code INSTANCE#<id> / SOURCE}, {@code INSTANCE#<id> / TARGET#<targetId>}, {@code
 * OP#<key> / OP}, {@code OP#<key> / ATTEMPTS}.
 */
final class FleetStore {
  private final DynamoDbClient dynamo;
  private final String table;

  FleetStore(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  /** A document with the version it was read at (0 = the item does not exist yet). */
  record Versioned<T>(T doc, long version) {}

  static String instancePk(String instanceId) {
    return "INSTANCE#" + instanceId;
  }

  static final String SOURCE_SK = "SOURCE";

  static String targetSk(String targetId) {
    return "TARGET#" + targetId;
  }

  <T> Optional<Versioned<T>> get(String pk, String sk, Class<T> type) {
    GetItemResponse response =
        call(() -> dynamo.getItem(b -> b.tableName(table).key(key(pk, sk)).consistentRead(true)));
    if (!response.hasItem() || response.item().isEmpty()) {
      return Optional.empty();
    }
    Map<String, AttributeValue> item = response.item();
    return Optional.of(
        new Versioned<>(read(item.get("doc").s(), type), Long.parseLong(item.get("version").n())));
  }

  /**
   * Writes {@code doc} if the item is still at {@code expectedVersion}; false if someone wrote
   * first.
   */
  boolean put(String pk, String sk, Object doc, long expectedVersion) {
    Map<String, AttributeValue> item = key(pk, sk);
    item.put("doc", AttributeValue.fromS(write(doc)));
    item.put("version", AttributeValue.fromN(Long.toString(expectedVersion + 1)));
    try {
      call(
          () ->
              dynamo.putItem(
                  b -> {
                    b.tableName(table).item(item);
                    if (expectedVersion == 0) {
                      b.conditionExpression("attribute_not_exists(pk)");
                    } else {
                      b.conditionExpression("#v = :v")
                          .expressionAttributeNames(Map.of("#v", "version"))
                          .expressionAttributeValues(
                              Map.of(":v", AttributeValue.fromN(Long.toString(expectedVersion))));
                    }
                  }));
      return true;
    } catch (ConditionalCheckFailedException lost) {
      return false;
    }
  }

  /** Every item of a partition whose sort key starts with {@code prefix}. */
  <T> List<T> query(String pk, String prefix, Class<T> type) {
    List<T> docs = new ArrayList<>();
    QueryRequest request =
        QueryRequest.builder()
            .tableName(table)
            .consistentRead(true)
            .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
            .expressionAttributeValues(
                Map.of(":pk", AttributeValue.fromS(pk), ":prefix", AttributeValue.fromS(prefix)))
            .build();
    call(() -> dynamo.queryPaginator(request).items())
        .forEach(item -> docs.add(read(item.get("doc").s(), type)));
    return docs;
  }

  Optional<Plan> operation(OperationKey key) {
    return get(opPk(key), "OP", Plan.class).map(Versioned::doc);
  }

  /**
   * Records an operation's plan; the plan is already fixed in its host document, so a rewrite is
   * identical.
   */
  void putOperation(Plan plan) {
    Map<String, AttributeValue> item = key(opPk(plan.key()), "OP");
    item.put("doc", AttributeValue.fromS(write(plan)));
    item.put("version", AttributeValue.fromN("1"));
    call(() -> dynamo.putItem(b -> b.tableName(table).item(item)));
  }

  /**
   * Counts one more attempt of {@code what} ("start" or "poll") on an operation; returns its
   * number.
   */
  long nextAttempt(OperationKey key, String what) {
    var response =
        call(
            () ->
                dynamo.updateItem(
                    b ->
                        b.tableName(table)
                            .key(key(opPk(key), "ATTEMPTS"))
                            .updateExpression("ADD #n :one")
                            .expressionAttributeNames(Map.of("#n", what))
                            .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                            .returnValues(ReturnValue.UPDATED_NEW)));
    return Long.parseLong(response.attributes().get(what).n());
  }

  private static String opPk(OperationKey key) {
    return "OP#" + key.render();
  }

  private static Map<String, AttributeValue> key(String pk, String sk) {
    Map<String, AttributeValue> key = new HashMap<>();
    key.put(FleetTableDefinition.PARTITION_KEY, AttributeValue.fromS(pk));
    key.put(FleetTableDefinition.SORT_KEY, AttributeValue.fromS(sk));
    return key;
  }

  private static <T> T read(String json, Class<T> type) {
    try {
      return Json.read(json, type);
    } catch (Json.MalformedJson e) {
      throw new IllegalStateException("corrupt fleet document: " + e.detail(), e);
    }
  }

  private static String write(Object doc) {
    return Json.write(doc);
  }

  private static <T> T call(java.util.function.Supplier<T> request) {
    try {
      return request.get();
    } catch (ConditionalCheckFailedException lost) {
      throw lost;
    } catch (SdkException e) {
      throw new TransientDataPlaneException("fleet table unavailable: " + e.getMessage(), e);
    }
  }
}
