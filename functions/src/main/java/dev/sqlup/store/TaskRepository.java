package dev.sqlup.store;

import dev.sqlup.domain.EstimateOverrun;
import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import java.time.Clock;
import java.time.Instant;
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
  static final String TASK_ID = "taskId";
  static final String IN_FLIGHT = "inFlight";
  static final String IN_FLIGHT_VALUE = "true";
  static final String OVER_ESTIMATE_AT = "overEstimateAt";
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
                  .item(item(stored))
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
                  .item(item(next))
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
   * Stores the waiting loop's task token in the task ({@code cutover.wakeToken}) if its stored
   * version is still {@code task.version()}, and counts the version up: a change of the switch
   * setting written from the same read then loses its version check, reads the task again and finds
   * the token. {@code updatedAt} stays (the remaining time counts down from the workflow's last
   * write, not from this one).
   *
   * @return the task with the token and the next version
   * @throws StaleVersionException the task changed since it was read
   */
  public UpgradeTask storeWakeToken(UpgradeTask task, String token) {
    try {
      dynamo.updateItem(
          b ->
              b.tableName(table)
                  .key(Map.of("taskId", AttributeValue.fromS(task.taskId())))
                  .updateExpression("SET #cutover.#token = :token, #version = :next")
                  .conditionExpression("#version = :expected")
                  .expressionAttributeNames(
                      Map.of("#cutover", "cutover", "#token", "wakeToken", "#version", "version"))
                  .expressionAttributeValues(
                      Map.of(
                          ":token",
                          AttributeValue.fromS(token),
                          ":next",
                          AttributeValue.fromN(Long.toString(task.version() + 1)),
                          ":expected",
                          AttributeValue.fromN(Long.toString(task.version())))));
    } catch (ConditionalCheckFailedException e) {
      throw new StaleVersionException("upgrade task " + task.taskId());
    }
    return task.withCutover(task.cutover().withWakeToken(token)).withVersion(task.version() + 1);
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
    QueryResponse r = queryByStatus(status, limit, nextToken);
    return new Page<>(
        r.items().stream().map(i -> ItemCodec.fromItem(i, UpgradeTask.class)).toList(),
        PageTokens.encode(r.lastEvaluatedKey()));
  }

  /**
   * The tasks in flight (started, not finished), oldest first, a page at a time, from the sparse
   * {@code inFlight} index: one query, whatever their status, with only what the sweeper needs of
   * each (a task is about 5 KB; a sweep in a fleet campaign lists hundreds). Tasks written before
   * the index existed appear at their next write.
   */
  public Page<InFlightTask> listInFlight(int limit, String nextToken) {
    Map<String, AttributeValue> start =
        PageTokens.decode(
            nextToken, Set.of(TASK_ID, IN_FLIGHT, "createdAt"), IN_FLIGHT, IN_FLIGHT_VALUE);
    QueryResponse r =
        dynamo.query(
            b ->
                b.tableName(table)
                    .indexName(TableDefinitions.TASKS_IN_FLIGHT)
                    .keyConditionExpression("#f = :f")
                    .expressionAttributeNames(Map.of("#f", IN_FLIGHT))
                    .expressionAttributeValues(Map.of(":f", AttributeValue.fromS(IN_FLIGHT_VALUE)))
                    .limit(limit)
                    .exclusiveStartKey(start));
    return new Page<>(
        r.items().stream()
            .map(
                i ->
                    new InFlightTask(
                        i.get(TASK_ID).s(),
                        TaskStatus.valueOf(i.get("status").s()),
                        i.containsKey(OVER_ESTIMATE_AT)
                            ? Instant.ofEpochSecond(Long.parseLong(i.get(OVER_ESTIMATE_AT).n()))
                            : null))
            .toList(),
        PageTokens.encode(r.lastEvaluatedKey()));
  }

  /** Every task in flight, oldest first: {@link #listInFlight} page after page. */
  public List<InFlightTask> allInFlight() {
    List<InFlightTask> all = new ArrayList<>();
    String token = null;
    do {
      Page<InFlightTask> page = listInFlight(100, token);
      all.addAll(page.items());
      token = page.nextToken();
    } while (token != null);
    return all;
  }

  /**
   * The stored item: the task, plus the sparse index's key while it is in flight and the instant it
   * goes over its estimate (both left out otherwise, so a finished task leaves the index).
   */
  private static Map<String, AttributeValue> item(UpgradeTask task) {
    Map<String, AttributeValue> item = new HashMap<>(ItemCodec.toItem(task));
    if (task.status() != null && task.status().isInFlight()) {
      item.put(IN_FLIGHT, AttributeValue.fromS(IN_FLIGHT_VALUE));
      EstimateOverrun.at(task)
          .ifPresent(
              at ->
                  item.put(
                      OVER_ESTIMATE_AT, AttributeValue.fromN(Long.toString(at.getEpochSecond()))));
    }
    return item;
  }

  private QueryResponse queryByStatus(TaskStatus status, int limit, String nextToken) {
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
        });
  }
}
