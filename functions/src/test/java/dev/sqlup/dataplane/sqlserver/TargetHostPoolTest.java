package dev.sqlup.dataplane.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.testing.DynaliteExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@ExtendWith(DynaliteExtension.class)
class TargetHostPoolTest {
  private TargetHostPool pool;
  static final String POOL = TargetHost.poolKey("2022", "Standard", "mssql.x4.medium");

  static TargetHost host(String id, int port) {
    return new TargetHost(
        id,
        id + ".db.internal",
        port,
        "2022",
        "Standard",
        "mssql.x4.medium",
        8,
        "arn:aws:secretsmanager:us-east-1:1:secret:t",
        "/var/opt/mssql/data",
        "/var/opt/mssql/log",
        false,
        null,
        null);
  }

  @BeforeEach
  void table(DynamoDbClient dynamo) {
    String table = "pool-" + UUID.randomUUID();
    TargetHostPool.createTable(dynamo, table);
    pool = new TargetHostPool(dynamo, table);
  }

  @Test
  void register_thenClaim_thenTheSameTaskGetsTheSameHostAgain() {
    pool.register(host("h1", 1433));
    TargetHost claimed = pool.claim(POOL, 1433, "task-1");
    assertThat(claimed.hostId()).isEqualTo("h1");
    assertThat(claimed.claimedBy()).isEqualTo("task-1");
    assertThat(pool.claim(POOL, 1433, "task-1").hostId()).isEqualTo("h1");
    assertThatThrownBy(() -> pool.claim(POOL, 1433, "task-2"))
        .isInstanceOf(PermanentDataPlaneException.class)
        .hasMessageStartingWith("NO_TARGET_HOST");
  }

  @Test
  void register_twice_is409WithTheRegisteredHost() {
    pool.register(host("h1", 1433));
    assertThatThrownBy(() -> pool.register(host("h1", 1500)))
        .isInstanceOf(TargetHostPool.HostAlreadyRegisteredException.class)
        .satisfies(
            e ->
                assertThat(((TargetHostPool.HostAlreadyRegisteredException) e).existing().port())
                    .isEqualTo(1433));
  }

  @Test
  void claim_keepsThePort_theInstanceKeepsItsPort() {
    pool.register(host("h1", 1500));
    assertThatThrownBy(() -> pool.claim(POOL, 1433, "task-1")).hasMessageContaining("port 1433");
  }

  @Test
  void concurrentClaims_neverShareAHost() throws Exception {
    pool.register(host("h1", 1433));
    pool.register(host("h2", 1433));
    ExecutorService executor = Executors.newFixedThreadPool(4);
    try {
      List<Callable<String>> claims = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String task = "task-" + i;
        claims.add(
            () -> {
              try {
                return pool.claim(POOL, 1433, task).hostId();
              } catch (PermanentDataPlaneException none) {
                return "none";
              }
            });
      }
      List<String> results = new ArrayList<>();
      for (Future<String> f : executor.invokeAll(claims)) {
        results.add(f.get());
      }
      assertThat(results).filteredOn(r -> !r.equals("none")).containsExactlyInAnyOrder("h1", "h2");
      assertThat(results).filteredOn(r -> r.equals("none")).hasSize(2);
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void markDirty_onlyByTheClaimingTask() {
    pool.register(host("h1", 1433));
    pool.claim(POOL, 1433, "task-1");
    pool.markDirty(POOL, "h1", "task-2");
    assertThat(pool.find(POOL, "h1").orElseThrow().status()).isEqualTo(TargetHost.CLAIMED);
    pool.markDirty(POOL, "h1", "task-1");
    assertThat(pool.find(POOL, "h1").orElseThrow().status()).isEqualTo(TargetHost.DIRTY);
  }

  @Test
  void invalidRegistrations_areRefusedWithACode() {
    TargetHost bad =
        new TargetHost(
            "h 1", "x", 1433, "2022", "Standard", "t", 8, "arn:x", "/d", "/l", false, null, null);
    assertThatThrownBy(() -> pool.register(bad))
        .hasMessageStartingWith("INVALID_TARGET_HOST: hostId");
    TargetHost badPath =
        new TargetHost(
            "h1", "x", 1433, "2022", "Standard", "t", 8, "arn:x", "/d\0", "/l", false, null, null);
    assertThatThrownBy(() -> pool.register(badPath)).hasMessageStartingWith("INVALID_LITERAL");
  }
}
