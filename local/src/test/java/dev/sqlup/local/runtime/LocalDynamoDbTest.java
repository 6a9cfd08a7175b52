package dev.sqlup.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlup.testing.DroppedRequest;
import dev.sqlup.testing.Dynalite;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

class LocalDynamoDbTest {
  private final List<String> logs = Fixtures.logs();

  @Test
  void createsTheTemplatesTables_onceAndActive_andStopsOnClose() {
    LocalDynamoDb db = LocalDynamoDb.start(Dynalite.projectRoot(), 0, null, logs::add);
    long pid = db.pid();
    try (db;
        DynamoDbClient client = LocalDynamoDb.client(db.endpoint())) {
      List<SamTable> tables = Fixtures.template().tables();
      assertThat(LocalDynamoDb.createTables(client, tables))
          .containsExactly("InstancesTable", "sqlup-local-tasks");
      assertThat(client.describeTable(b -> b.tableName("sqlup-local-tasks")).table().tableStatus())
          .isEqualTo(TableStatus.ACTIVE);
      assertThat(
              client
                  .describeTable(b -> b.tableName("sqlup-local-tasks"))
                  .table()
                  .globalSecondaryIndexes())
          .singleElement()
          .satisfies(g -> assertThat(g.indexName()).isEqualTo("byInstance"));
      assertThat(LocalDynamoDb.createTables(client, tables)).isEmpty();
    }
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  @Test
  void clientsDroppingRequestsMidway_doNotTakeItDown() throws Exception {
    try (LocalDynamoDb db = LocalDynamoDb.start(Dynalite.projectRoot(), 0, null, logs::add);
        DynamoDbClient client = LocalDynamoDb.client(db.endpoint())) {
      DroppedRequest.send(db.endpoint());
      DroppedRequest.send(db.endpoint());
      assertThat(client.listTables().sdkHttpResponse().isSuccessful()).isTrue();
      Fixtures.awaitLog(logs, l -> l.startsWith("dynalite: a client dropped a request mid-way"));
      assertThat(logs)
          .anySatisfy(
              l -> assertThat(l).startsWith("dynalite: a client dropped a request mid-way"));
    }
  }

  @Test
  void dataDirectory_persistsAcrossRestarts(@TempDir Path data) {
    List<SamTable> tables = Fixtures.template().tables();
    try (LocalDynamoDb db = LocalDynamoDb.start(Dynalite.projectRoot(), 0, data, logs::add);
        DynamoDbClient client = LocalDynamoDb.client(db.endpoint())) {
      LocalDynamoDb.createTables(client, tables);
      client.putItem(
          b ->
              b.tableName("InstancesTable")
                  .item(Map.of("instanceId", AttributeValue.fromS("db-1"))));
    }
    try (LocalDynamoDb db = LocalDynamoDb.start(Dynalite.projectRoot(), 0, data, logs::add);
        DynamoDbClient client = LocalDynamoDb.client(db.endpoint())) {
      assertThat(LocalDynamoDb.createTables(client, tables)).isEmpty();
      assertThat(
              client
                  .getItem(
                      b ->
                          b.tableName("InstancesTable")
                              .key(Map.of("instanceId", AttributeValue.fromS("db-1"))))
                  .hasItem())
          .isTrue();
    }
  }

  @Test
  void portInUse_isOneClearLine() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(
              () ->
                  LocalDynamoDb.start(
                      Dynalite.projectRoot(), taken.getLocalPort(), null, logs::add))
          .isInstanceOf(UserException.class)
          .hasMessage(
              "port "
                  + taken.getLocalPort()
                  + " is in use: stop what is using it or pass --dynamodb-port <port>");
    }
  }

  @Test
  void missingDynalite_saysToRunNpmCi(@TempDir Path empty) {
    assertThatThrownBy(() -> LocalDynamoDb.start(empty, 0, null, logs::add))
        .isInstanceOf(UserException.class)
        .hasMessageContaining("npm ci");
  }

  @Test
  void missingNode_saysToInstallIt() {
    assertThatThrownBy(
            () ->
                LocalDynamoDb.start(
                    Dynalite.projectRoot(), 0, null, logs::add, "/nonexistent/node"))
        .isInstanceOf(UserException.class)
        .hasMessageContaining("install Node.js 20+ and put `node` on PATH")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void sigkilledJvm_leavesNoNodeProcess() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child =
        new ProcessBuilder(
                java, "-cp", System.getProperty("java.class.path"), DynaliteHolder.class.getName())
            .redirectErrorStream(true)
            .start();
    long nodePid;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      assertThat(line).as("child JVM output").startsWith("PID ");
      nodePid = Long.parseLong(line.substring(4).trim());
      assertThat(ProcessHandle.of(nodePid)).isPresent();

      new ProcessBuilder("kill", "-9", String.valueOf(child.pid())).start().waitFor();
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
    // The guard notices the closed pipe at once; poll briefly for the kernel to reap it.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (ProcessHandle.of(nodePid).map(ProcessHandle::isAlive).orElse(false)
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(ProcessHandle.of(nodePid).map(ProcessHandle::isAlive).orElse(false))
        .as("node pid %d after its JVM was SIGKILLed", nodePid)
        .isFalse();
  }
}
