package dev.sqlup.proof.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.proof.Docs;
import dev.sqlup.testing.DynaliteExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Issue 7 §3: 64 clients submitting an upgrade for one instance at the same moment, each through
 * its own handler instance (as 64 Lambda containers would) against dynalite, produce exactly one
 * task, one lock and one workflow start — with 64 different client tokens (one 202, the rest 409
 * UpgradeInProgress) and with one shared token (every client gets that one task back).
 */
@ExtendWith(DynaliteExtension.class)
class ConcurrentSubmitTest {
  static final int CLIENTS = 64;
  private static final String ROUTE = "POST /instances/{instanceId}/upgrades";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final DynamoDbClient dynamo;

  ConcurrentSubmitTest(DynamoDbClient dynamo) {
    this.dynamo = dynamo;
  }

  @Test
  void sixtyFourClients_distinctTokens_exactlyOneTask() throws Exception {
    ApiRig rig = new ApiRig(dynamo).registered();
    List<APIGatewayProxyResponseEvent> answers = submitAtOnce(rig, i -> "client-" + i);

    Map<String, Integer> byStatus = count(answers);
    List<UpgradeTask> tasks = rig.services.tasks().listByInstance("rm-guide-1", 100, null).items();
    report("distinct tokens", byStatus, tasks.size(), rig.launched.size());
    assertThat(byStatus)
        .containsEntry("202", 1)
        .containsEntry("409 UpgradeInProgress", CLIENTS - 1)
        .hasSize(2);
    assertThat(tasks).hasSize(1);
    assertThat(rig.launched).containsExactly(tasks.get(0).taskId());
    assertThat(rig.services.instances().get("rm-guide-1").activeTaskId())
        .isEqualTo(tasks.get(0).taskId());
  }

  @Test
  void sixtyFourClients_sameToken_allGetTheOneTask() throws Exception {
    ApiRig rig = new ApiRig(dynamo).registered();
    List<APIGatewayProxyResponseEvent> answers = submitAtOnce(rig, i -> "shared-token");

    List<UpgradeTask> tasks = rig.services.tasks().listByInstance("rm-guide-1", 100, null).items();
    Map<String, Integer> byStatus = count(answers);
    report("one shared token", byStatus, tasks.size(), rig.launched.size());
    assertThat(tasks).hasSize(1);
    String taskId = tasks.get(0).taskId();
    for (APIGatewayProxyResponseEvent a : answers) {
      assertThat(a.getStatusCode()).as(a.getBody()).isBetween(200, 299);
      assertThat(MAPPER.readTree(a.getBody()).path("taskId").asText()).isEqualTo(taskId);
    }
    // A start is idempotent on the task id (the execution name); retried starts are allowed, other
    // tasks are not.
    assertThat(rig.launched).isNotEmpty().allMatch(taskId::equals);
    assertThat(rig.services.instances().get("rm-guide-1").activeTaskId()).isEqualTo(taskId);
  }

  private List<APIGatewayProxyResponseEvent> submitAtOnce(ApiRig rig, IntFunction<String> token)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      CountDownLatch ready = new CountDownLatch(CLIENTS);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<APIGatewayProxyResponseEvent>> futures = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        var handler = rig.newContainer(ROUTE);
        APIGatewayProxyRequestEvent event = ApiRig.event("submit-upgrade");
        event.setBody(event.getBody().replace("\"guide-example-1\"", "\"" + token.apply(i) + "\""));
        Callable<APIGatewayProxyResponseEvent> call =
            () -> {
              ready.countDown();
              go.await();
              return handler.handleRequest(event, null);
            };
        futures.add(pool.submit(call));
      }
      ready.await();
      go.countDown();
      List<APIGatewayProxyResponseEvent> answers = new ArrayList<>();
      for (Future<APIGatewayProxyResponseEvent> f : futures) {
        answers.add(f.get());
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Map<String, Integer> count(List<APIGatewayProxyResponseEvent> answers)
      throws Exception {
    Map<String, Integer> out = new TreeMap<>();
    for (APIGatewayProxyResponseEvent a : answers) {
      JsonNode body = MAPPER.readTree(a.getBody());
      String key =
          a.getStatusCode() < 300
              ? String.valueOf(a.getStatusCode())
              : a.getStatusCode() + " " + body.path("code").asText();
      out.merge(key, 1, Integer::sum);
    }
    return out;
  }

  private static void report(
      String variant, Map<String, Integer> byStatus, int tasks, int launches) {
    String line =
        String.format(
            "concurrent submit (%s): %d clients -> %s, %d task(s), %d workflow start(s)",
            variant, CLIENTS, byStatus, tasks, launches);
    System.out.println(line);
    Docs.write(
        "RELIABILITY.md",
        "## 64 concurrent submissions (" + variant + ")",
        "## 64 concurrent submissions ("
            + variant
            + ")\n\nCommand: `mvn -B -o -pl tests -am verify -Dtest=ConcurrentSubmitTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dproof.docs=true` (runs in every `mvn verify`).\n\nResult: "
            + line
            + "\n");
  }
}
