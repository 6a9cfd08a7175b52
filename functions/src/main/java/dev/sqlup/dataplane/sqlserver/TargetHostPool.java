package dev.sqlup.dataplane.sqlserver;

import dev.sqlup.dataplane.DynamoTables;
import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.dataplane.TransientDataPlaneException;
import java.util.HashMap;
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
 * The registered target hosts, one DynamoDB item per host: partition key {@code pool}
 * (version|edition|type), sort key {@code hostId}. A claim is a conditional update ({@code #status
 * = AVAILABLE}), so two upgrades can never take the same host; claiming again for the same task
 * returns the host it already holds.
 */
public final class TargetHostPool {
  /** Thrown by {@link #register} when the host id is taken; carries the registered host. */
  public static final class HostAlreadyRegisteredException extends RuntimeException {
    private final TargetHost existing;

    public HostAlreadyRegisteredException(TargetHost existing) {
      super("HOST_ALREADY_REGISTERED: " + existing.hostId());
      this.existing = existing;
    }

    public TargetHost existing() {
      return existing;
    }
  }

  private final DynamoDbClient dynamo;
  private final String table;

  public TargetHostPool(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  /** Creates the table (tests and the local runtime; template.yaml declares it in AWS). */
  /** Creates the pool table (if missing) and waits until it is ACTIVE. */
  public static void createTable(DynamoDbClient dynamo, String table) {
    DynamoTables.createAll(
        dynamo,
        List.of(
            CreateTableRequest.builder()
                .tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    AttributeDefinition.builder()
                        .attributeName("pool")
                        .attributeType(ScalarAttributeType.S)
                        .build(),
                    AttributeDefinition.builder()
                        .attributeName("hostId")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(
                    KeySchemaElement.builder().attributeName("pool").keyType(KeyType.HASH).build(),
                    KeySchemaElement.builder()
                        .attributeName("hostId")
                        .keyType(KeyType.RANGE)
                        .build())
                .build()));
  }

  public TargetHost register(TargetHost host) {
    TargetHost registered = host.validated().withStatus(TargetHost.AVAILABLE, null);
    try {
      dynamo.putItem(
          b ->
              b.tableName(table)
                  .item(toItem(registered))
                  .conditionExpression("attribute_not_exists(hostId)"));
      return registered;
    } catch (ConditionalCheckFailedException e) {
      throw new HostAlreadyRegisteredException(
          find(registered.poolKey(), registered.hostId()).orElse(registered));
    } catch (SdkException e) {
      throw new TransientDataPlaneException("POOL_UNAVAILABLE: " + e.getMessage(), e);
    }
  }

  public Optional<TargetHost> find(String pool, String hostId) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                b ->
                    b.tableName(table)
                        .consistentRead(true)
                        .key(Map.of("pool", s(pool), "hostId", s(hostId))))
            .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
  }

  public List<TargetHost> list(String pool) {
    return dynamo
        .queryPaginator(
            b ->
                b.tableName(table)
                    .consistentRead(true)
                    .keyConditionExpression("#p = :p")
                    .expressionAttributeNames(Map.of("#p", "pool"))
                    .expressionAttributeValues(Map.of(":p", s(pool))))
        .items()
        .stream()
        .map(TargetHostPool::fromItem)
        .toList();
  }

  /**
   * Takes an AVAILABLE host of the pool listening on {@code port} (the instance keeps its port) for
   * {@code taskId}; returns the host this task already holds if there is one.
   *
   * @throws PermanentDataPlaneException NO_TARGET_HOST when the pool has no free host
   */
  public TargetHost claim(String pool, int port, String taskId) {
    List<TargetHost> hosts = list(pool);
    for (TargetHost host : hosts) {
      if (TargetHost.CLAIMED.equals(host.status()) && taskId.equals(host.claimedBy())) {
        return host;
      }
    }
    for (TargetHost host : hosts) {
      if (!TargetHost.AVAILABLE.equals(host.status()) || host.port() != port) {
        continue;
      }
      try {
        dynamo.updateItem(
            b ->
                b.tableName(table)
                    .key(Map.of("pool", s(pool), "hostId", s(host.hostId())))
                    .updateExpression("SET #s = :claimed, claimedBy = :task")
                    .conditionExpression("#s = :available")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(
                        Map.of(
                            ":claimed",
                            s(TargetHost.CLAIMED),
                            ":task",
                            s(taskId),
                            ":available",
                            s(TargetHost.AVAILABLE))));
        return host.withStatus(TargetHost.CLAIMED, taskId);
      } catch (ConditionalCheckFailedException takenMeanwhile) {
        // Another upgrade won this host between the query and the update: try the next one.
      }
    }
    throw new PermanentDataPlaneException(
        "NO_TARGET_HOST: pool " + pool + " has no available host on port " + port);
  }

  /** Every registered host (the pool table is small: one item per prepared server). */
  public List<TargetHost> all() {
    return dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().stream()
        .map(TargetHostPool::fromItem)
        .sorted(java.util.Comparator.comparing(TargetHost::hostId))
        .toList();
  }

  /** The host with this id in any pool. */
  public Optional<TargetHost> byId(String hostId) {
    return dynamo
        .scanPaginator(
            b ->
                b.tableName(table)
                    .consistentRead(true)
                    .filterExpression("hostId = :id")
                    .expressionAttributeValues(Map.of(":id", s(hostId))))
        .items()
        .stream()
        .map(TargetHostPool::fromItem)
        .findFirst();
  }

  /** Deletes the host unless an upgrade holds it; false (nothing changed) when it is CLAIMED. */
  public boolean deleteUnclaimed(String pool, String hostId) {
    try {
      dynamo.deleteItem(
          b ->
              b.tableName(table)
                  .key(Map.of("pool", s(pool), "hostId", s(hostId)))
                  .conditionExpression("#s <> :claimed")
                  .expressionAttributeNames(Map.of("#s", "status"))
                  .expressionAttributeValues(Map.of(":claimed", s(TargetHost.CLAIMED))));
      return true;
    } catch (ConditionalCheckFailedException claimed) {
      return false;
    }
  }

  /**
   * DIRTY → AVAILABLE (the operator re-prepared it); false (nothing changed) when it is not DIRTY.
   */
  public boolean returnDirty(String pool, String hostId) {
    try {
      dynamo.updateItem(
          b ->
              b.tableName(table)
                  .key(Map.of("pool", s(pool), "hostId", s(hostId)))
                  .updateExpression("SET #s = :available REMOVE claimedBy")
                  .conditionExpression("#s = :dirty")
                  .expressionAttributeNames(Map.of("#s", "status"))
                  .expressionAttributeValues(
                      Map.of(
                          ":available", s(TargetHost.AVAILABLE), ":dirty", s(TargetHost.DIRTY))));
      return true;
    } catch (ConditionalCheckFailedException notDirty) {
      return false;
    }
  }

  /** After compensation: the host held by {@code taskId} must be re-prepared before reuse. */
  public void markDirty(String pool, String hostId, String taskId) {
    try {
      dynamo.updateItem(
          b ->
              b.tableName(table)
                  .key(Map.of("pool", s(pool), "hostId", s(hostId)))
                  .updateExpression("SET #s = :dirty")
                  .conditionExpression("claimedBy = :task")
                  .expressionAttributeNames(Map.of("#s", "status"))
                  .expressionAttributeValues(
                      Map.of(":dirty", s(TargetHost.DIRTY), ":task", s(taskId))));
    } catch (ConditionalCheckFailedException notOurs) {
      // Idempotent: already released or held by someone else; never touch another task's host.
    }
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static Map<String, AttributeValue> toItem(TargetHost h) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pool", s(h.poolKey()));
    item.put("hostId", s(h.hostId()));
    item.put("host", s(h.host()));
    item.put("port", AttributeValue.fromN(Integer.toString(h.port())));
    item.put("engineVersion", s(h.engineVersion()));
    item.put("sqlEdition", s(h.sqlEdition()));
    item.put("instanceType", s(h.instanceType()));
    item.put("memoryGib", AttributeValue.fromN(Integer.toString(h.memoryGib())));
    item.put("secretArn", s(h.secretArn()));
    item.put("dataPath", s(h.dataPath()));
    item.put("logPath", s(h.logPath()));
    item.put("trustServerCertificate", AttributeValue.fromBool(h.trustServerCertificate()));
    item.put("status", s(h.status()));
    if (h.claimedBy() != null) {
      item.put("claimedBy", s(h.claimedBy()));
    }
    return item;
  }

  private static TargetHost fromItem(Map<String, AttributeValue> i) {
    return new TargetHost(
        i.get("hostId").s(),
        i.get("host").s(),
        Integer.parseInt(i.get("port").n()),
        i.get("engineVersion").s(),
        i.get("sqlEdition").s(),
        i.get("instanceType").s(),
        Integer.parseInt(i.get("memoryGib").n()),
        i.get("secretArn").s(),
        i.get("dataPath").s(),
        i.get("logPath").s(),
        Boolean.TRUE.equals(i.get("trustServerCertificate").bool()),
        i.get("status").s(),
        i.containsKey("claimedBy") ? i.get("claimedBy").s() : null);
  }
}
