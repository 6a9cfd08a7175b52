package dev.sqlup.local.asl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directory-backed engine persists machines and journals; a new engine on the same directory resumes
 * RUNNING executions from their last completed state, without running completed states again.
 */
class DurabilityTest {
  private static final String L = "arn:aws:lambda:us-east-1:123456789012:function:";
  private static final String DEFINITION =
      "{\"StartAt\":\"First\",\"States\":{"
          + "\"First\":{\"Type\":\"Task\",\"Resource\":\"" + L + "Step\",\"ResultPath\":\"$.first\",\"Next\":\"Fan\"},"
          + "\"Fan\":{\"Type\":\"Map\",\"ItemsPath\":\"$.items\",\"ResultPath\":\"$.mapped\",\"Next\":\"Approve\","
          + "  \"ItemProcessor\":{\"StartAt\":\"Item\",\"States\":{\"Item\":{\"Type\":\"Task\",\"Resource\":\"" + L + "Step\",\"End\":true}}}},"
          + "\"Approve\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke.waitForTaskToken\","
          + "  \"Parameters\":{\"FunctionName\":\"Approve\",\"Payload\":{\"token.$\":\"$$.Task.Token\"}},\"ResultPath\":\"$.approval\",\"Next\":\"Last\"},"
          + "\"Last\":{\"Type\":\"Task\",\"Resource\":\"" + L + "Step\",\"ResultPath\":\"$.last\",\"End\":true}}}";

  @TempDir Path dir;

  @Test
  void reopenedEngine_resumesRunningExecution_fromLastCompletedState() throws Exception {
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    String exec;
    // GIVEN an engine that runs First and the Map, then parks on Approve (nobody answers)
    try (LocalStepFunctions first = engine(calls, false)) {
      String machine = first.createStateMachine("Durable", DEFINITION, null, null).stateMachineArn();
      exec = first.startExecution(machine, "d1", "{\"items\":[1,2,3]}").executionArn();
      awaitCalls(calls, "Approve", 1);
      assertThat(first.describeExecution(exec).status()).isEqualTo(ExecutionStatus.RUNNING);
    }
    assertThat(calls.get("Step").get()).isEqualTo(4); // First + 3 map items

    // WHEN a new engine opens the same directory and this time Approve answers
    try (LocalStepFunctions second = engine(calls, true)) {
      assertThat(second.describeStateMachine("arn:aws:states:us-east-1:123456789012:stateMachine:Durable").name())
          .isEqualTo("Durable");
      ExecutionInfo done = second.awaitExecution(exec, Duration.ofSeconds(10));

      // THEN it finishes; First and the Map items did not run again, Approve ran again (not recorded)
      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(calls.get("Step").get()).isEqualTo(5);
      assertThat(calls.get("Approve").get()).isEqualTo(2);
      assertThat(done.output()).contains("\"approval\":\"yes\"").contains("\"mapped\":[\"step\",\"step\",\"step\"]");
      List<HistoryEvent> history = second.getExecutionHistory(exec);
      assertThat(history.get(0).type()).isEqualTo("ExecutionStarted");
      assertThat(history.get(history.size() - 1).type()).isEqualTo("ExecutionSucceeded");
      for (int i = 0; i < history.size(); i++) {
        assertThat(history.get(i).id()).isEqualTo(i + 1);
      }
    }

    // AND a third engine sees the finished execution without running anything
    try (LocalStepFunctions third = engine(calls, true)) {
      assertThat(third.describeExecution(exec).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(calls.get("Step").get()).isEqualTo(5);
    }
  }

  @Test
  void reopenedVirtualClock_neverRunsBehindTheJournal() {
    String wait = "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":7200,\"End\":true}}}";
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    try (LocalStepFunctions first = LocalStepFunctions.builder().directory(dir).virtualStart(start).build()) {
      String machine = first.createStateMachine("Later", wait, null, null).stateMachineArn();
      String exec = first.startExecution(machine, "w", "{}").executionArn();
      assertThat(first.awaitExecution(exec, Duration.ofSeconds(10)).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }
    try (LocalStepFunctions second = LocalStepFunctions.builder().directory(dir).virtualStart(start).build()) {
      assertThat(second.clock().instant()).isEqualTo(start.plusSeconds(7200));
    }
  }

  private LocalStepFunctions engine(Map<String, AtomicInteger> calls, boolean approve) {
    LocalStepFunctions[] self = new LocalStepFunctions[1];
    self[0] = LocalStepFunctions.builder().directory(dir).virtualStart(Instant.parse("2026-01-01T00:00:00Z"))
        .taskInvoker((arn, payload, ctx) -> {
          String name = arn.substring(arn.lastIndexOf(':') + 1);
          calls.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
          if (name.equals("Approve") && approve) {
            self[0].sendTaskSuccess(ctx.taskToken(), "\"yes\"");
          }
          return TextNode.valueOf("step");
        }).build();
    return self[0];
  }

  private static void awaitCalls(Map<String, AtomicInteger> calls, String name, int n) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 5000;
    while (System.currentTimeMillis() < deadline) {
      AtomicInteger c = calls.get(name);
      if (c != null && c.get() >= n) {
        Thread.sleep(50); // let the engine record TaskSubmitted
        return;
      }
      Thread.sleep(5);
    }
    throw new AssertionError(name + " was not called");
  }
}
