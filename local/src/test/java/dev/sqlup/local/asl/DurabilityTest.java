package dev.sqlup.local.asl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.asl.model.ExecutionStatus;
import dev.sqlup.local.asl.model.HistoryEvent;
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
 * A directory-backed engine persists machines and journals; a new engine on the same directory
 * resumes RUNNING executions from their last completed state, without running completed states
 * again.
 */
class DurabilityTest {
  private static final String L = "arn:aws:lambda:us-east-1:123456789012:function:";
  private static final String DEFINITION =
      "{\"StartAt\":\"First\",\"States\":{"
          + "\"First\":{\"Type\":\"Task\",\"Resource\":\""
          + L
          + "Step\",\"ResultPath\":\"$.first\",\"Next\":\"Fan\"},"
          + "\"Fan\":{\"Type\":\"Map\",\"ItemsPath\":\"$.items\",\"ResultPath\":\"$.mapped\",\"Next\":\"Approve\","
          + "  \"ItemProcessor\":{\"StartAt\":\"Item\",\"States\":{\"Item\":{\"Type\":\"Task\",\"Resource\":\""
          + L
          + "Step\",\"End\":true}}}},"
          + "\"Approve\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke.waitForTaskToken\","
          + "  \"Parameters\":{\"FunctionName\":\"Approve\",\"Payload\":{\"token.$\":\"$$.Task.Token\"}},\"ResultPath\":\"$.approval\",\"Next\":\"Last\"},"
          + "\"Last\":{\"Type\":\"Task\",\"Resource\":\""
          + L
          + "Step\",\"ResultPath\":\"$.last\",\"End\":true}}}";

  @TempDir Path dir;

  @Test
  void reopenedEngine_resumesRunningExecution_fromLastCompletedState() throws Exception {
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    String exec;
    // GIVEN an engine that runs First and the Map, then parks on Approve (nobody answers)
    try (LocalStepFunctions first = engine(calls, false)) {
      String machine =
          first.createStateMachine("Durable", DEFINITION, null, null).stateMachineArn();
      exec = first.startExecution(machine, "d1", "{\"items\":[1,2,3]}").executionArn();
      awaitHistory(first, exec, "TaskSubmitted", 1);
      assertThat(first.describeExecution(exec).status()).isEqualTo(ExecutionStatus.RUNNING);
    }
    assertThat(calls.get("Step").get()).isEqualTo(4); // First + 3 map items

    // WHEN a new engine opens the same directory and this time Approve answers
    try (LocalStepFunctions second = engine(calls, true)) {
      assertThat(
              second
                  .describeStateMachine(
                      "arn:aws:states:us-east-1:123456789012:stateMachine:Durable")
                  .name())
          .isEqualTo("Durable");
      ExecutionInfo done = second.awaitExecution(exec, Duration.ofSeconds(10));

      // THEN it finishes; First and the Map items did not run again, Approve ran again (not
      // recorded)
      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(calls.get("Step").get()).isEqualTo(5);
      assertThat(calls.get("Approve").get()).isEqualTo(2);
      assertThat(done.output())
          .contains("\"approval\":\"yes\"")
          .contains("\"mapped\":[\"step\",\"step\",\"step\"]");
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
  void reopenedEngine_resumesAMapMidway_rerunningOnlyUnfinishedIterations() throws Exception {
    String definition =
        "{\"StartAt\":\"Fan\",\"States\":{\"Fan\":{\"Type\":\"Map\",\"End\":true,\"ItemProcessor\":{\"StartAt\":\"Which\",\"States\":{"
            + "\"Which\":{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$\",\"NumericEquals\":2,\"Next\":\"Approve\"}],\"Default\":\"Item\"},"
            + "\"Item\":{\"Type\":\"Task\",\"Resource\":\""
            + L
            + "Step\",\"End\":true},"
            + "\"Approve\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke.waitForTaskToken\","
            + "  \"Parameters\":{\"FunctionName\":\"Approve\",\"Payload\":{\"token.$\":\"$$.Task.Token\"}},\"End\":true}}}}}}";
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    String exec;
    try (LocalStepFunctions first = engine(calls, false)) {
      String machine =
          first.createStateMachine("HalfMap", definition, null, null).stateMachineArn();
      exec = first.startExecution(machine, "m1", "[1,2,3]").executionArn();
      awaitHistory(first, exec, "MapIterationSucceeded", 2);
      awaitHistory(first, exec, "TaskSubmitted", 1);
    }
    try (LocalStepFunctions second = engine(calls, true)) {
      ExecutionInfo done = second.awaitExecution(exec, Duration.ofSeconds(10));

      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(done.output()).isEqualTo("[\"step\",\"yes\",\"step\"]");
      assertThat(calls.get("Step").get())
          .isEqualTo(2); // items 0 and 2 were recorded: not run again
      assertThat(calls.get("Approve").get()).isEqualTo(2);
    }
  }

  @Test
  void resumedWait_keepsItsOriginalDeadline() throws Exception {
    String definition =
        "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Parallel\",\"End\":true,\"Branches\":["
            + "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":3600,\"End\":true}}},"
            + "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\""
            + L
            + "Block\",\"End\":true}}}]}}}";
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
    String exec;
    // GIVEN the Wait has started while a task holds virtual time still, and the engine stops
    try (LocalStepFunctions first =
        LocalStepFunctions.builder()
            .directory(dir)
            .virtualStart(start)
            .taskInvoker(
                (arn, payload, ctx) -> {
                  try {
                    never.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return TextNode.valueOf("late");
                })
            .build()) {
      String machine = first.createStateMachine("Waits", definition, null, null).stateMachineArn();
      exec = first.startExecution(machine, "w", "{}").executionArn();
      awaitHistory(first, exec, "LambdaFunctionStarted", 1);
      awaitJournal("\"k\":\"timer\"");
    }
    // WHEN an engine whose clock is already 1000 s later resumes it
    try (LocalStepFunctions second =
        LocalStepFunctions.builder()
            .directory(dir)
            .virtualStart(start.plusSeconds(1000))
            .taskInvoker((arn, payload, ctx) -> TextNode.valueOf("done"))
            .build()) {
      ExecutionInfo done = second.awaitExecution(exec, Duration.ofSeconds(10));

      // THEN the Wait ends at its original deadline, not 3600 s after the restart
      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(done.stopDate()).isEqualTo(start.plusSeconds(3600));
    }
  }

  @Test
  void reopenedEngine_resumesWithTheWorkflowVariablesOfTheLastCompletedState() throws Exception {
    String definition =
        "{\"QueryLanguage\":\"JSONata\",\"StartAt\":\"Set\",\"States\":{"
            + "\"Set\":{\"Type\":\"Pass\",\"Assign\":{\"who\":\"{% $states.input.name %}\"},\"Next\":\"Approve\"},"
            + "\"Approve\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke.waitForTaskToken\","
            + "  \"Arguments\":{\"FunctionName\":\"Approve\",\"Payload\":{\"token\":\"{% $states.context.Task.Token %}\"}},"
            + "  \"Output\":{},\"Next\":\"Last\"},"
            + "\"Last\":{\"Type\":\"Pass\",\"Output\":{\"who\":\"{% $who %}\"},\"End\":true}}}";
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    String exec;
    // GIVEN an engine that assigns $who, then parks on Approve
    try (LocalStepFunctions first = engine(calls, false)) {
      String machine = first.createStateMachine("Vars", definition, null, null).stateMachineArn();
      exec = first.startExecution(machine, "v1", "{\"name\":\"Maria\"}").executionArn();
      awaitHistory(first, exec, "TaskSubmitted", 1);
    }
    // WHEN a new engine on the same directory resumes it and Approve answers
    try (LocalStepFunctions second = engine(calls, true)) {
      ExecutionInfo done = second.awaitExecution(exec, Duration.ofSeconds(10));
      // THEN the variable assigned before the restart is still there
      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(done.output()).isEqualTo("{\"who\":\"Maria\"}");
    }
  }

  @Test
  void reopenedVirtualClock_neverRunsBehindTheJournal() {
    String wait =
        "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":7200,\"End\":true}}}";
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    try (LocalStepFunctions first =
        LocalStepFunctions.builder().directory(dir).virtualStart(start).build()) {
      String machine = first.createStateMachine("Later", wait, null, null).stateMachineArn();
      String exec = first.startExecution(machine, "w", "{}").executionArn();
      assertThat(first.awaitExecution(exec, Duration.ofSeconds(10)).status())
          .isEqualTo(ExecutionStatus.SUCCEEDED);
    }
    try (LocalStepFunctions second =
        LocalStepFunctions.builder().directory(dir).virtualStart(start).build()) {
      assertThat(second.clock().instant()).isEqualTo(start.plusSeconds(7200));
    }
  }

  /**
   * Issue 13, item 8: `serve --data-dir` restarted under a scaled clock must not turn the engine
   * clock back.
   */
  @Test
  void reopenedScaledClock_neverRunsBehindTheJournal() {
    String wait =
        "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":1,\"End\":true}}}";
    // The first run is two days ahead of the wall clock (as a scaled clock gets after a while)...
    Instant ahead = Instant.now().plus(Duration.ofDays(2));
    Instant lastEvent;
    try (LocalStepFunctions first =
        LocalStepFunctions.builder()
            .directory(dir)
            .clockMode("scaled:100")
            .virtualStart(ahead)
            .build()) {
      String machine = first.createStateMachine("Soon", wait, null, null).stateMachineArn();
      String exec = first.startExecution(machine, "w", "{}").executionArn();
      assertThat(first.awaitExecution(exec, Duration.ofSeconds(10)).status())
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      List<dev.sqlup.local.asl.model.HistoryEvent> events = first.getExecutionHistory(exec);
      lastEvent = events.get(events.size() - 1).timestamp();
    }
    assertThat(lastEvent).isAfter(ahead);
    // ...and the second starts from the wall clock, as a plain `serve --clock scaled:100` does.
    try (LocalStepFunctions second =
        LocalStepFunctions.builder().directory(dir).clockMode("scaled:100").build()) {
      assertThat(second.clock().instant()).isAfterOrEqualTo(lastEvent);
    }
  }

  private LocalStepFunctions engine(Map<String, AtomicInteger> calls, boolean approve) {
    // A reopened engine resumes executions while build() runs, so Approve can be invoked before
    // build()
    // returns: the answer is sent once the engine exists (an assignment read from the invoker raced
    // here).
    java.util.concurrent.CompletableFuture<LocalStepFunctions> self =
        new java.util.concurrent.CompletableFuture<>();
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

  private void awaitJournal(String text) throws Exception {
    long deadline =
        System.currentTimeMillis() + 30_000; // a hang guard: returns as soon as it holds
    while (System.currentTimeMillis() < deadline) {
      try (var files = java.nio.file.Files.walk(dir)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
          if (java.nio.file.Files.readString(f).contains(text)) {
            return;
          }
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError("journal never contained " + text);
  }

  /** Waits until the engine has recorded (and so journaled) {@code n} events of {@code type}. */
  private static void awaitHistory(LocalStepFunctions sfn, String exec, String type, int n)
      throws InterruptedException {
    long deadline =
        System.currentTimeMillis() + 30_000; // a hang guard: returns as soon as it holds
    while (System.currentTimeMillis() < deadline) {
      if (sfn.getExecutionHistory(exec).stream().filter(e -> e.type().equals(type)).count() >= n) {
        return;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("no " + n + " x " + type);
  }
}
