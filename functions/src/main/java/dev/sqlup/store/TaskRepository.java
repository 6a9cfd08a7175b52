package dev.sqlup.store;

import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The {@code UpgradeTasks} table. Creation is conditional on the id being new (idempotent
 * submission derives the id from the client token); every update names the version it read.
 */
public final class TaskRepository {
  private static final int BATCH_GET_KEYS = 100;
  private static final int MAX_BATCH_ATTEMPTS = 10;

  private final DynamoDbClient dynamo;
  private final String table;
  private final Clock clock;

  public TaskRepository(DynamoDbClient dynamo, String table, Clock clock) {
    this.dynamo = dynamo;
    this.table = table;
    this.clock = clock;
  }

  /**
   * Stores a new task with version 1.
   *
   * @throws TaskAlreadyExistsException a task with this id exists (carries it)
   */
  public UpgradeTask create(UpgradeTask task) {
    UpgradeTask stored = task.withVersion(1);
    try {
      dynamo.putItem(
          b ->
              b.tableName(table)
                  .item(ItemCodec.toItem(stored))
                  .conditionExpression("attribute_not_exists(taskId)"));
      return stored;
    } catch (ConditionalCheckFailedException e) {
      throw new TaskAlreadyExistsException(get(task.taskId()));
    }
  }

  public Optional<UpgradeTask> find(String taskId) {
    GetItemResponse r =
        dynamo.getItem(
            b ->
                b.tableName(table)
                    .consistentRead(true)
                    .key(Map.of("taskId", AttributeValue.fromS(taskId))));
    return r.hasItem() && !r.item().isEmpty()
        ? Optional.of(ItemCodec.fromItem(r.item(), UpgradeTask.class))
        : Optional.empty();
  }

  /**
   * The tasks of {@code taskIds} that exist, by id, in as few BatchGetItem calls as DynamoDB allows
   * (100 keys each; keys it leaves unprocessed under load are asked again): a campaign's view reads
   * every running upgrade's task, a hundred or more, each time it is looked at.
   */
  public Map<String, UpgradeTask> findAll(Collection<String> taskIds) {
    Map<String, UpgradeTask> found = new HashMap<>();
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(taskIds));
    for (int from = 0; from < ids.size(); from += BATCH_GET_KEYS) {
      List<Map<String, AttributeValue>> keys =
          ids.subList(from, Math.min(ids.size(), from + BATCH_GET_KEYS)).stream()
              .map(id -> Map.of("taskId", AttributeValue.fromS(id)))
              .toList();
      Map<String, KeysAndAttributes> request =
          Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
      for (int attempt = 0; !request.isEmpty(); attempt++) {
        if (attempt == MAX_BATCH_ATTEMPTS) {
          throw new IllegalStateException(
              "tasks still unprocessed after " + attempt + " BatchGetItem calls");
        }
        if (attempt > 0) {
          backOff(attempt);
        }
        Map<String, KeysAndAttributes> ask = request;
        BatchGetItemResponse r = dynamo.batchGetItem(b -> b.requestItems(ask));
        for (Map<String, AttributeValue> item : r.responses().getOrDefault(table, List.of())) {
          UpgradeTask task = ItemCodec.fromItem(item, UpgradeTask.class);
          found.put(task.taskId(), task);
        }
        request = r.hasUnprocessedKeys() ? r.unprocessedKeys() : Map.of();
      }
    }
    return found;
  }

  /** DynamoDB's advice for unprocessed keys: wait, exponentially, before asking again. */
  private static void backOff(int attempt) {
    try {
      Thread.sleep(Math.min(1_000L, 25L << attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading tasks", e);
    }
  }

  public UpgradeTask get(String taskId) {
    return find(taskId).orElseThrow(() -> new TaskNotFoundException(taskId));
  }

  /**
   * Replaces the task if its stored version is still {@code task.version()}; sets updatedAt from
   * the clock and returns the task with the next version.
   *
   * @throws StaleVersionException someone else updated it first
   */
  public UpgradeTask update(UpgradeTask task) {
    UpgradeTask next =
        new UpgradeTask(
            task.taskId(),
            task.instanceId(),
            task.status(),
            task.currentStep(),
            task.progress(),
            task.remainingSeconds(),
            task.estimate(),
            task.steps(),
            task.source(),
            task.target(),
            task.switchTime(),
            task.acceleratedDatabaseRecovery(),
            task.createdAt(),
            clock.instant(),
            task.clientToken(),
            task.requestHash(),
            task.failureReason(),
            task.downtimeSeconds(),
            task.stoppedReplicationTasks(),
            task.warnings(),
            task.version() + 1,
            task.cutover(),
            task.dataPlane());
    try {
      dynamo.putItem(
          b ->
              b.tableName(table)
                  .item(ItemCodec.toItem(next))
                  .conditionExpression("#version = :expected")
                  .expressionAttributeNames(Map.of("#version", "version"))
                  .expressionAttributeValues(
                      Map.of(":expected", AttributeValue.fromN(Long.toString(task.version())))));
    } catch (ConditionalCheckFailedException e) {
      throw new StaleVersionException("upgrade task " + task.taskId());
    }
    return next;
  }

  /**
   * Deletes a task that is still Pending (a submission that lost the race for the instance lock).
   * Returns false when it is no longer Pending or already gone.
   */
  public boolean deletePending(String taskId) {
    try {
      dynamo.deleteItem(
          b ->
              b.tableName(table)
                  .key(Map.of("taskId", AttributeValue.fromS(taskId)))
                  .conditionExpression("#status = :pending")
                  .expressionAttributeNames(Map.of("#status", "status"))
                  .expressionAttributeValues(
                      Map.of(":pending", AttributeValue.fromS(TaskStatus.Pending.name()))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  /** An instance's tasks, newest first. */
  public Page<UpgradeTask> listByInstance(String instanceId, int limit, String nextToken) {
    Map<String, AttributeValue> start =
        PageTokens.decode(
            nextToken, Set.of("taskId", "instanceId", "createdAt"), "instanceId", instanceId);
    QueryResponse r =
        dynamo.query(
            b ->
                b.tableName(table)
                    .indexName(TableDefinitions.TASKS_BY_INSTANCE)
                    .keyConditionExpression("instanceId = :id")
                    .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(instanceId)))
                    .scanIndexForward(false)
                    .limit(limit)
                    .exclusiveStartKey(start));
    return new Page<>(
        r.items().stream().map(i -> ItemCodec.fromItem(i, UpgradeTask.class)).toList(),
        PageTokens.encode(r.lastEvaluatedKey()));
  }

  /** Tasks in one status, oldest first (for the sweeper: stuck Pending tasks, waiting tasks). */
  public Page<UpgradeTask> listByStatus(TaskStatus status, int limit, String nextToken) {
    QueryResponse r = queryByStatus(status, limit, nextToken, false);
    return new Page<>(
        r.items().stream().map(i -> ItemCodec.fromItem(i, UpgradeTask.class)).toList(),
        PageTokens.encode(r.lastEvaluatedKey()));
  }

  /**
   * The ids of the tasks in {@code status}, a page at a time: what a sweep needs of a task whose
   * execution still runs. Projected to the id, so neither the table nor this client moves or parses
   * the rest of each item (a task is about 5 KB; a sweep in a fleet campaign lists hundreds).
   */
  public Page<String> listIdsByStatus(TaskStatus status, int limit, String nextToken) {
    QueryResponse r = queryByStatus(status, limit, nextToken, true);
    return new Page<>(
        r.items().stream().map(i -> i.get("taskId").s()).toList(),
        PageTokens.encode(r.lastEvaluatedKey()));
  }

  private QueryResponse queryByStatus(
      TaskStatus status, int limit, String nextToken, boolean idsOnly) {
    Map<String, AttributeValue> start =
        PageTokens.decode(
            nextToken, Set.of("taskId", "status", "createdAt"), "status", status.name());
    return dynamo.query(
        b -> {
          b.tableName(table)
              .indexName(TableDefinitions.TASKS_BY_STATUS)
              .keyConditionExpression("#status = :s")
              .expressionAttributeNames(Map.of("#status", "status"))
              .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(status.name())))
              .scanIndexForward(true)
              .limit(limit)
              .exclusiveStartKey(start);
          if (idsOnly) {
            b.projectionExpression("taskId");
          }
        });
  }
}
