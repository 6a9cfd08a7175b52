package dev.sqlup.local.asl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.asl.model.ExecutionStatus;
import dev.sqlup.local.asl.model.MapRunInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Distributed Map survives a restart of a durable engine: the Map Run keeps its ARN and counts,
 * finished children keep their results and do not run again, the running child is resumed (the same
 * execution, not a new one), and the items not yet started start once.
 */
class DistributedMapDurabilityTest {
  private static final String L = "arn:aws:lambda:us-east-1:123456789012:function:";
  // MaxConcurrency 1: item 1 finishes, item 2 waits for an approval, items 3 and 4 wait their turn
  private static final String DEFINITION =
      "{\"StartAt\":\"Fan\",\"States\":{\"Fan\":{\"Type\":\"Map\",\"Label\":\"wave\",\"MaxConcurrency\":1,\"End\":true,"
          + "\"ItemProcessor\":{\"ProcessorConfig\":{\"Mode\":\"DISTRIBUTED\",\"ExecutionType\":\"STANDARD\"},"
          + "\"StartAt\":\"Which\",\"States\":{"
          + "\"Which\":{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$\",\"NumericEquals\":2,\"Next\":\"Approve\"}],\"Default\":\"Item\"},"
          + "\"Item\":{\"Type\":\"Task\",\"Resource\":\""
          + L
          + "Step\",\"End\":true},"
          + "\"Approve\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke.waitForTaskToken\","
          + "  \"Parameters\":{\"FunctionName\":\"Approve\",\"Payload\":{\"token.$\":\"$$.Task.Token\"}},\"End\":true}}}}}}";

  @TempDir Path dir;

  @Test
  void reopenedEngine_resumesTheMapRun_withoutRunningAnyItemTwice() throws Exception {
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    String exec;
    String mapRun;
    List<String> childrenBefore;
    // GIVEN an engine stopped while item 1 is done, item 2 waits for its approval, 3 and 4 wait
    try (LocalStepFunctions first = engine(calls, false)) {
      String machine = first.createStateMachine("Wave", DEFINITION, null, null).stateMachineArn();
      exec = first.startExecution(machine, "w1", "[1,2,3,4]").executionArn();
      mapRun = awaitMapRun(first, exec, 1, 1);
      childrenBefore = childArns(first, mapRun);
      assertThat(childrenBefore).hasSize(2);
      awaitCalls(calls, "Approve", 1);
    }
    assertThat(calls.get("Step").get()).isEqualTo(1);

    // WHEN a new engine opens the directory (still nobody approves)
    try (LocalStepFunctions second = engine(calls, false)) {
      // THEN the same Map Run is there, with its counts and its two children
      assertThat(second.listMapRuns(exec))
          .extracting(MapRunInfo::mapRunArn)
          .containsExactly(mapRun);
      MapRunInfo resumed = second.describeMapRun(mapRun);
      assertThat(resumed.status()).isEqualTo("RUNNING");
      assertThat(resumed.itemCounts().succeeded()).isEqualTo(1);
      assertThat(resumed.itemCounts().running()).isEqualTo(1);
      assertThat(resumed.itemCounts().pending()).isEqualTo(2);
      assertThat(resumed.itemCounts().total()).isEqualTo(4);
      assertThat(childArns(second, mapRun)).containsExactlyInAnyOrderElementsOf(childrenBefore);
      for (String child : childrenBefore) {
        assertThat(second.describeExecution(child).mapRunArn()).isEqualTo(mapRun);
      }
      awaitCalls(calls, "Approve", 2); // the waiting child runs on: its task is sent again
    }

    // WHEN a third engine opens it and the approval comes
    try (LocalStepFunctions third = engine(calls, true)) {
      ExecutionInfo done = third.awaitExecution(exec, Duration.ofSeconds(20));

      // THEN the parent finishes with every item's result, and no item ran twice
      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(done.output()).isEqualTo("[\"step\",\"yes\",\"step\",\"step\"]");
      assertThat(calls.get("Step").get()).isEqualTo(3); // item 1 once, items 3 and 4 once
      assertThat(third.listMapRuns(exec)).extracting(MapRunInfo::mapRunArn).containsExactly(mapRun);
      MapRunInfo finished = third.describeMapRun(mapRun);
      assertThat(finished.status()).isEqualTo("SUCCEEDED");
      assertThat(finished.itemCounts().succeeded()).isEqualTo(4);
      assertThat(finished.executionCounts().succeeded()).isEqualTo(4);
      assertThat(finished.executionCounts().total()).isEqualTo(4);
      List<ExecutionInfo> children = third.listMapRunExecutions(mapRun, null);
      assertThat(children).hasSize(4).allMatch(c -> c.status() == ExecutionStatus.SUCCEEDED);
      assertThat(children)
          .extracting(ExecutionInfo::executionArn)
          .containsAll(childrenBefore)
          .doesNotHaveDuplicates();
      assertThat(children).allMatch(c -> mapRun.equals(c.mapRunArn()) && c.itemCount() == 1);
      assertThat(third.getExecutionHistory(exec))
          .filteredOn(e -> e.type().equals("MapRunStarted"))
          .hasSize(1);
    }
  }

  private LocalStepFunctions engine(Map<String, AtomicInteger> calls, boolean approve) {
    // a reopened engine resumes while build() runs: answer the approval once the engine exists
    CompletableFuture<LocalStepFunctions> self = new CompletableFuture<>();
    LocalStepFunctions engine =
        LocalStepFunctions.builder()
            .directory(dir)
            .virtualStart(Instant.parse("2026-01-01T00:00:00Z"))
            .taskInvoker(
                (arn, payload, ctx) -> {
                  String name = arn.substring(arn.lastIndexOf(':') + 1);
                  calls.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
                  if (name.equals("Approve") && approve) {
                    String token = ctx.taskToken();
                    self.thenAcceptAsync(e -> e.sendTaskSuccess(token, "\"yes\""));
                  }
                  return TextNode.valueOf("step");
                })
            .build();
    self.complete(engine);
    return engine;
  }

  private static List<String> childArns(LocalStepFunctions sfn, String mapRun) {
    return sfn.listMapRunExecutions(mapRun, null).stream()
        .map(ExecutionInfo::executionArn)
        .toList();
  }

  /**
   * Waits until the execution's Map Run has this many children succeeded and running, and lists
   * them all: a child is counted as running a moment before ListExecutions can see it.
   */
  private static String awaitMapRun(LocalStepFunctions sfn, String exec, int succeeded, int running)
      throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      List<MapRunInfo> runs = sfn.listMapRuns(exec);
      if (!runs.isEmpty()) {
        MapRunInfo run = sfn.describeMapRun(runs.get(0).mapRunArn());
        if (run.executionCounts().succeeded() == succeeded
            && run.executionCounts().running() == running
            && childArns(sfn, run.mapRunArn()).size() == succeeded + running) {
          return run.mapRunArn();
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError(
        "the Map Run never had " + succeeded + " done, " + running + " running");
  }

  private static void awaitCalls(Map<String, AtomicInteger> calls, String name, int n)
      throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      AtomicInteger count = calls.get(name);
      if (count != null && count.get() >= n) {
        return;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("no " + n + " calls of " + name);
  }
}
