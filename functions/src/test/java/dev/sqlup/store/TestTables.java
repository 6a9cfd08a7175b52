package dev.sqlup.store;

import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Fresh uniquely named Instances/UpgradeTasks tables, created from {@link TableDefinitions}. */
public record TestTables(String instances, String tasks) {
  public static TestTables create(DynamoDbClient dynamo) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    TestTables t = new TestTables("Instances-" + suffix, "UpgradeTasks-" + suffix);
    TableDefinitions.createAll(
        dynamo, List.of(TableDefinitions.instances(t.instances), TableDefinitions.tasks(t.tasks)));
    return t;
  }
}
