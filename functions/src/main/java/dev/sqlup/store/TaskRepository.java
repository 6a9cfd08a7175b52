package dev.sqlup.store;

import dev.sqlup.domain.TaskStatus;
import dev.sqlup.domain.UpgradeTask;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The {@code UpgradeTasks} table. Creation is conditional on the id being new (idempotent
 * submission derives the id from the client token); every update names the version it read.
 */
public final class TaskRepository {
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
    Map<String, AttributeValue> start =
        PageTokens.decode(
            nextToken, Set.of("taskId", "status", "createdAt"), "status", status.name());
    QueryResponse r =
        dynamo.query(
            b ->
                b.tableName(table)
                    .indexName(TableDefinitions.TASKS_BY_STATUS)
                    .keyConditionExpression("#status = :s")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(status.name())))
                    .scanIndexForward(true)
                    .limit(limit)
                    .exclusiveStartKey(start));
    return new Page<>(
        r.items().stream().map(i -> ItemCodec.fromItem(i, UpgradeTask.class)).toList(),
        PageTokens.encode(r.lastEvaluatedKey()));
  }
}
