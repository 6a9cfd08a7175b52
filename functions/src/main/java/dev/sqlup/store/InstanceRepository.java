package dev.sqlup.store;

import dev.sqlup.domain.Instance;
import dev.sqlup.domain.InstanceStatus;
import dev.sqlup.json.Json;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The {@code Instances} table. Every write is a single-item conditional write (no transactions):
 * creation is conditional on absence, updates on the version read, and the upgrade lock ({@code
 * activeTaskId}) on the instance being Running and unlocked.
 */
public final class InstanceRepository {
  private static final Map<String, String> NAMES =
      Map.of("#status", "status", "#version", "version");

  private final DynamoDbClient dynamo;
  private final String table;
  private final Clock clock;

  public InstanceRepository(DynamoDbClient dynamo, String table, Clock clock) {
    this.dynamo = dynamo;
    this.table = table;
    this.clock = clock;
  }

  /** Stores a new instance with version 1 and the clock's createdAt/updatedAt. */
  public Instance create(Instance instance) {
    Instance i = instance;
    Instance stored =
        new Instance(
            i.instanceId(),
            i.engineVersion(),
            i.sqlEdition(),
            i.rdsEdition(),
            i.instanceType(),
            i.dataSizeGb(),
            i.maintenanceWindow(),
            i.networkType(),
            i.adDomainJoined(),
            i.serverless(),
            i.readOnly(),
            i.readOnlyReplicaIds(),
            i.endpoint(),
            i.vip(),
            i.port(),
            i.tags(),
            i.engine(),
            i.simulation(),
            i.replicationTasks(),
            i.status(),
            i.activeTaskId(),
            clock.instant(),
            clock.instant(),
            1,
            i.inventory(),
            i.description());
    try {
      dynamo.putItem(
          b ->
              b.tableName(table)
                  .item(ItemCodec.toItem(stored))
                  .conditionExpression("attribute_not_exists(instanceId)"));
    } catch (ConditionalCheckFailedException e) {
      throw new InstanceAlreadyExistsException(instance.instanceId());
    }
    return stored;
  }

  public Optional<Instance> find(String instanceId) {
    GetItemResponse r =
        dynamo.getItem(
            b ->
                b.tableName(table)
                    .consistentRead(true)
                    .key(Map.of("instanceId", AttributeValue.fromS(instanceId))));
    return r.hasItem() && !r.item().isEmpty()
        ? Optional.of(ItemCodec.fromItem(r.item(), Instance.class))
        : Optional.empty();
  }

  public Instance get(String instanceId) {
    return find(instanceId).orElseThrow(() -> new InstanceNotFoundException(instanceId));
  }

  /** Instances in table order (unsorted), {@code limit} per page. */
  public Page<Instance> list(int limit, String nextToken) {
    Map<String, AttributeValue> start =
        PageTokens.decode(nextToken, Set.of("instanceId"), null, null);
    ScanResponse r = dynamo.scan(b -> b.tableName(table).limit(limit).exclusiveStartKey(start));
    return new Page<>(
        r.items().stream().map(i -> ItemCodec.fromItem(i, Instance.class)).toList(),
        PageTokens.encode(r.lastEvaluatedKey()));
  }

  /**
   * The instances carrying tag {@code tagKey}, a page at a time. The filter runs in the table: a
   * fleet of a thousand instances with a handful tagged returns a handful, not a thousand items to
   * parse. A page may hold fewer than {@code limit} (even none) and still have a next token, as
   * DynamoDB filters after reading {@code limit} items.
   */
  public Page<Instance> listTagged(String tagKey, int limit, String nextToken) {
    Map<String, AttributeValue> start =
        PageTokens.decode(nextToken, Set.of("instanceId"), null, null);
    ScanResponse r =
        dynamo.scan(
            b ->
                b.tableName(table)
                    .limit(limit)
                    .exclusiveStartKey(start)
                    .filterExpression("attribute_exists(#tags.#key)")
                    .expressionAttributeNames(Map.of("#tags", "tags", "#key", tagKey)));
    return new Page<>(
        r.items().stream().map(i -> ItemCodec.fromItem(i, Instance.class)).toList(),
        PageTokens.encode(r.lastEvaluatedKey()));
  }

  /**
   * Replaces the instance if its stored version is still {@code instance.version()}; returns it
   * with the next version. The lock fields travel with the record: pass what you read.
   */
  public Instance update(Instance instance) {
    Instance next = instance.withUpdatedAt(clock.instant(), instance.version() + 1);
    try {
      dynamo.putItem(
          b ->
              b.tableName(table)
                  .item(ItemCodec.toItem(next))
                  .conditionExpression("#version = :expected")
                  .expressionAttributeNames(Map.of("#version", "version"))
                  .expressionAttributeValues(
                      Map.of(
                          ":expected", AttributeValue.fromN(Long.toString(instance.version())))));
    } catch (ConditionalCheckFailedException e) {
      throw new StaleVersionException("instance " + instance.instanceId());
    }
    return next;
  }

  /**
   * Deletes an instance no upgrade holds (condition: no {@code activeTaskId}). Its tasks stay as
   * history.
   *
   * @throws InstanceNotFoundException no such instance
   * @throws UpgradeInProgressException a task holds the lock (carries its id)
   */
  public void delete(String instanceId) {
    try {
      dynamo.deleteItem(
          b ->
              b.tableName(table)
                  .key(Map.of("instanceId", AttributeValue.fromS(instanceId)))
                  .conditionExpression(
                      "attribute_exists(instanceId) AND attribute_not_exists(activeTaskId)"));
    } catch (ConditionalCheckFailedException e) {
      Instance current = get(instanceId);
      throw new UpgradeInProgressException(instanceId, current.activeTaskId());
    }
  }

  /**
   * Stores a discovery of the instance's source (replacing the previous one) and returns the
   * instance with it. A single-item update that leaves every other field alone, so it never undoes
   * a concurrent lock or status change; it bumps the version so read-modify-write callers see it.
   *
   * @throws InstanceNotFoundException no such instance (deleted meanwhile)
   */
  public Instance recordInventory(String instanceId, dev.sqlup.domain.SourceInventory inventory) {
    try {
      Map<String, AttributeValue> item =
          dynamo
              .updateItem(
                  b ->
                      b.tableName(table)
                          .key(Map.of("instanceId", AttributeValue.fromS(instanceId)))
                          .conditionExpression("attribute_exists(instanceId)")
                          .updateExpression(
                              "SET inventory = :inventory, #version = #version + :one, updatedAt = :now")
                          .expressionAttributeNames(Map.of("#version", "version"))
                          .expressionAttributeValues(
                              Map.of(
                                  ":inventory", ItemCodec.toAttribute(Json.toTree(inventory)),
                                  ":one", AttributeValue.fromN("1"),
                                  ":now", AttributeValue.fromS(Json.format(clock.instant()))))
                          .returnValues(ReturnValue.ALL_NEW))
              .attributes();
      return ItemCodec.fromItem(item, Instance.class);
    } catch (ConditionalCheckFailedException e) {
      throw new InstanceNotFoundException(instanceId);
    }
  }

  /**
   * Takes the upgrade lock for {@code taskId}: the instance must be Running with no active task. It
   * becomes {@code UpgradingVersion}. Taking a lock the same task already holds succeeds (retries).
   *
   * @throws InstanceNotFoundException no such instance
   * @throws UpgradeInProgressException another task holds the lock (carries its id)
   * @throws IncorrectInstanceStateException the instance is not Running
   */
  public Instance acquireUpgradeLock(String instanceId, String taskId) {
    try {
      Map<String, AttributeValue> item =
          dynamo
              .updateItem(
                  b ->
                      b.tableName(table)
                          .key(Map.of("instanceId", AttributeValue.fromS(instanceId)))
                          .conditionExpression(
                              "attribute_exists(instanceId) AND #status = :running AND attribute_not_exists(activeTaskId)")
                          .updateExpression(
                              "SET #status = :upgrading, activeTaskId = :task, #version = #version + :one, updatedAt = :now")
                          .expressionAttributeNames(NAMES)
                          .expressionAttributeValues(
                              Map.of(
                                  ":running", AttributeValue.fromS(InstanceStatus.Running.name()),
                                  ":upgrading",
                                      AttributeValue.fromS(InstanceStatus.UpgradingVersion.name()),
                                  ":task", AttributeValue.fromS(taskId),
                                  ":one", AttributeValue.fromN("1"),
                                  ":now", AttributeValue.fromS(Json.format(clock.instant()))))
                          .returnValues(ReturnValue.ALL_NEW))
              .attributes();
      return ItemCodec.fromItem(item, Instance.class);
    } catch (ConditionalCheckFailedException e) {
      // dynalite does not return the item on a failed condition: read it to say why.
      Instance current = get(instanceId);
      if (taskId.equals(current.activeTaskId())) {
        return current;
      }
      if (current.activeTaskId() != null) {
        throw new UpgradeInProgressException(instanceId, current.activeTaskId());
      }
      throw new IncorrectInstanceStateException(instanceId, current.status());
    }
  }

  /**
   * Releases the lock if {@code taskId} holds it and sets {@code statusAfter}. Returns false (and
   * changes nothing) when the task does not hold the lock, so releasing twice is harmless.
   */
  public boolean releaseUpgradeLock(String instanceId, String taskId, InstanceStatus statusAfter) {
    try {
      dynamo.updateItem(
          b ->
              b.tableName(table)
                  .key(Map.of("instanceId", AttributeValue.fromS(instanceId)))
                  .conditionExpression("activeTaskId = :task")
                  .updateExpression(
                      "SET #status = :after, #version = #version + :one, updatedAt = :now REMOVE activeTaskId")
                  .expressionAttributeNames(NAMES)
                  .expressionAttributeValues(
                      Map.of(
                          ":task", AttributeValue.fromS(taskId),
                          ":after", AttributeValue.fromS(statusAfter.name()),
                          ":one", AttributeValue.fromN("1"),
                          ":now", AttributeValue.fromS(Json.format(clock.instant())))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }
}
