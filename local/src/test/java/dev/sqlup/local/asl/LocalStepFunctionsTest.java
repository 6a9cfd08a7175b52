package dev.sqlup.local.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.asl.model.ExecutionStatus;
import dev.sqlup.local.asl.model.HistoryEvent;
import dev.sqlup.local.asl.model.StateMachineInfo;
import dev.sqlup.local.asl.model.StepFunctionsException;
import dev.sqlup.local.asl.model.ValidationDiagnostic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The facade's API behaviour: ARNs, idempotency, stop, callbacks, listing, isolation, clock. */
class LocalStepFunctionsTest {
  private static final String PASS =
      "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}";
  private static final String WAIT_HOUR =
      "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":3600,\"End\":true}}}";
  private static final String PARK =
      "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\","
          + "\"Resource\":\"arn:aws:states:::lambda:invoke.waitForTaskToken\","
          + "\"Parameters\":{\"FunctionName\":\"Park\",\"Payload\":{\"token.$\":\"$$.Task.Token\"}},\"End\":true}}}";
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void createStateMachine_returnsAwsArn_andStartExecution_runsIt() {
    try (LocalStepFunctions sfn = LocalStepFunctions.local()) {
      StateMachineInfo machine = sfn.createStateMachine("Hello", PASS, null, null);
      assertThat(machine.stateMachineArn())
          .isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:Hello");
      assertThat(machine.type()).isEqualTo("STANDARD");

      ExecutionInfo started = sfn.startExecution(machine.stateMachineArn(), "e1", "{\"a\":1}");

      assertThat(started.executionArn())
          .isEqualTo("arn:aws:states:us-east-1:123456789012:execution:Hello:e1");
      ExecutionInfo done = sfn.awaitExecution(started.executionArn(), WAIT);
      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(done.output()).isEqualTo("{\"a\":1}");
      assertThat(
              sfn.getExecutionHistory(started.executionArn())
                  .get(0)
                  .details()
                  .get("input")
                  .asText())
          .isEqualTo("{\"a\":1}");
    }
  }

  @Test
  void
      startExecution_withSameNameAndInputWhileRunning_returnsSameExecution_otherwiseAlreadyExists() {
    try (LocalStepFunctions sfn =
        LocalStepFunctions.local((arn, payload, ctx) -> TextNode.valueOf("ok"))) {
      String machine = sfn.createStateMachine("Park", PARK, null, null).stateMachineArn();
      ExecutionInfo first = sfn.startExecution(machine, "same", "{\"x\":1}");

      ExecutionInfo again = sfn.startExecution(machine, "same", "{\"x\":1}");

      assertThat(again.executionArn()).isEqualTo(first.executionArn());
      assertThat(again.startDate()).isEqualTo(first.startDate());
      assertThatThrownBy(() -> sfn.startExecution(machine, "same", "{\"x\":2}"))
          .isInstanceOfSatisfying(
              StepFunctionsException.class,
              e -> assertThat(e.errorCode()).isEqualTo("ExecutionAlreadyExists"));
      sfn.stopExecution(first.executionArn(), null, null);
      assertThatThrownBy(() -> sfn.startExecution(machine, "same", "{\"x\":1}"))
          .isInstanceOfSatisfying(
              StepFunctionsException.class,
              e -> assertThat(e.errorCode()).isEqualTo("ExecutionAlreadyExists"));
    }
  }

  @Test
  void stopExecution_abortsAWaitingExecution_andRecordsExecutionAborted() {
    try (LocalStepFunctions sfn =
        LocalStepFunctions.local((arn, payload, ctx) -> TextNode.valueOf("ok"))) {
      String machine = sfn.createStateMachine("Park", PARK, null, null).stateMachineArn();
      String exec = sfn.startExecution(machine, "s", "{}").executionArn();

      ExecutionInfo stopped = sfn.stopExecution(exec, "Operator.Stop", "changed my mind");

      assertThat(stopped.status()).isEqualTo(ExecutionStatus.ABORTED);
      assertThat(stopped.error()).isEqualTo("Operator.Stop");
      List<HistoryEvent> history = sfn.getExecutionHistory(exec);
      assertThat(history.get(history.size() - 1).type()).isEqualTo("ExecutionAborted");
      assertThat(sfn.awaitExecution(exec, WAIT).status()).isEqualTo(ExecutionStatus.ABORTED);
    }
  }

  @Test
  void
      sendTaskSuccess_completesTheParkedTask_finishedTokenIsTaskTimedOut_unknownIsTaskDoesNotExist()
          throws Exception {
    List<String> tokens = new CopyOnWriteArrayList<>();
    try (LocalStepFunctions sfn =
        LocalStepFunctions.local(
            (arn, payload, ctx) -> {
              tokens.add(ctx.taskToken());
              return TextNode.valueOf("submitted");
            })) {
      String machine = sfn.createStateMachine("Park", PARK, null, null).stateMachineArn();
      String exec = sfn.startExecution(machine, "cb", "{}").executionArn();
      long deadline =
          System.currentTimeMillis() + 30_000; // a hang guard: returns as soon as it holds
      while (tokens.isEmpty() && System.currentTimeMillis() < deadline) {
        Thread.sleep(5);
      }
      assertThat(tokens).hasSize(1);

      sfn.sendTaskHeartbeat(tokens.get(0));
      sfn.sendTaskSuccess(tokens.get(0), "{\"approved\":true}");

      ExecutionInfo done = sfn.awaitExecution(exec, WAIT);
      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(done.output()).isEqualTo("{\"approved\":true}");
      assertThatThrownBy(() -> sfn.sendTaskSuccess(tokens.get(0), "{}"))
          .isInstanceOfSatisfying(
              StepFunctionsException.class,
              e -> assertThat(e.errorCode()).isEqualTo("TaskTimedOut"));
      assertThatThrownBy(() -> sfn.sendTaskFailure("nope", "E", "c"))
          .isInstanceOfSatisfying(
              StepFunctionsException.class,
              e -> assertThat(e.errorCode()).isEqualTo("TaskDoesNotExist"));
    }
  }

  @Test
  void manyExecutionsRunConcurrently_andOneFailureDoesNotDisturbTheOthers() {
    String definition =
        "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"SecondsPath\":\"$.s\",\"Next\":\"T\"},"
            + "\"T\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:lambda:us-east-1:123456789012:function:F\",\"End\":true}}}";
    try (LocalStepFunctions sfn =
        LocalStepFunctions.local(
            (arn, payload, ctx) -> {
              if (payload.get("fail").asBoolean()) {
                throw new IllegalStateException("only me");
              }
              return IntNode.valueOf(payload.get("s").asInt());
            })) {
      String machine = sfn.createStateMachine("Many", definition, null, null).stateMachineArn();
      List<String> arns = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        arns.add(
            sfn.startExecution(
                    machine, "e" + i, "{\"s\":" + (i * 60) + ",\"fail\":" + (i == 7) + "}")
                .executionArn());
      }
      for (int i = 0; i < 50; i++) {
        ExecutionInfo done = sfn.awaitExecution(arns.get(i), WAIT);
        if (i == 7) {
          assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
          assertThat(done.error()).isEqualTo("java.lang.IllegalStateException");
        } else {
          assertThat(done.status()).as("execution " + i).isEqualTo(ExecutionStatus.SUCCEEDED);
          assertThat(done.output()).isEqualTo(String.valueOf(i * 60));
        }
      }
      assertThat(sfn.listExecutions(machine, ExecutionStatus.FAILED)).hasSize(1);
      assertThat(sfn.listExecutions(machine, null)).hasSize(50);
    }
  }

  @Test
  void clock_isTheEngineVirtualClock_andJumpsOnlyWhenAllExecutionsWait() {
    Instant start = Instant.parse("2030-05-01T00:00:00Z");
    List<Instant> seen = new CopyOnWriteArrayList<>();
    String definition =
        "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":3600,\"Next\":\"T\"},"
            + "\"T\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:lambda:us-east-1:123456789012:function:Now\",\"End\":true}}}";
    try (LocalStepFunctions sfn =
        LocalStepFunctions.builder()
            .virtualStart(start)
            .taskInvoker(
                (arn, payload, ctx) -> {
                  seen.add(ctx.clock().instant());
                  return TextNode.valueOf("ok");
                })
            .build()) {
      assertThat(sfn.clock().instant()).isEqualTo(start);
      String machine = sfn.createStateMachine("Clock", definition, null, null).stateMachineArn();
      String exec = sfn.startExecution(machine, "c", "{}").executionArn();

      assertThat(sfn.awaitExecution(exec, WAIT).status()).isEqualTo(ExecutionStatus.SUCCEEDED);

      assertThat(seen).containsExactly(start.plusSeconds(3600));
      assertThat(sfn.clock().instant()).isEqualTo(start.plusSeconds(3600));
    }
  }

  @Test
  void virtualTime_doesNotJumpWhileATaskRuns() {
    Instant start = Instant.parse("2030-05-01T00:00:00Z");
    String definition =
        "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Parallel\",\"End\":true,\"Branches\":["
            + "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":600,\"End\":true}}},"
            + "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:lambda:us-east-1:123456789012:function:Slow\",\"End\":true}}}]}}}";
    List<Instant> during = new CopyOnWriteArrayList<>();
    try (LocalStepFunctions sfn =
        LocalStepFunctions.builder()
            .virtualStart(start)
            .taskInvoker(
                (arn, payload, ctx) -> {
                  during.add(ctx.clock().instant());
                  try {
                    Thread.sleep(200); // real work: virtual time must hold still meanwhile
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  during.add(ctx.clock().instant());
                  return TextNode.valueOf("done");
                })
            .build()) {
      String machine = sfn.createStateMachine("Hold", definition, null, null).stateMachineArn();
      String exec = sfn.startExecution(machine, "h", "{}").executionArn();
      assertThat(sfn.awaitExecution(exec, WAIT).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(during).containsExactly(start, start);
    }
  }

  @Test
  void apiErrors_useAwsErrorCodes() {
    try (LocalStepFunctions sfn = LocalStepFunctions.local()) {
      assertCode(
          () -> sfn.describeStateMachine("arn:aws:states:us-east-1:123456789012:stateMachine:Nope"),
          "StateMachineDoesNotExist");
      assertCode(() -> sfn.describeStateMachine("not-an-arn"), "InvalidArn");
      assertCode(
          () -> sfn.describeExecution("arn:aws:states:us-east-1:123456789012:execution:M:x"),
          "ExecutionDoesNotExist");
      assertCode(() -> sfn.createStateMachine("bad name!", PASS, null, null), "InvalidName");
      assertCode(
          () -> sfn.createStateMachine("Bad", "{\"StartAt\":\"X\",\"States\":{}}", null, null),
          "InvalidDefinition");
      String machine = sfn.createStateMachine("M", PASS, null, null).stateMachineArn();
      assertCode(
          () -> sfn.createStateMachine("M", WAIT_HOUR, null, null), "StateMachineAlreadyExists");
      assertCode(() -> sfn.startExecution(machine, "x", "{oops"), "InvalidExecutionInput");
      assertThat(sfn.listStateMachines()).extracting(StateMachineInfo::name).containsExactly("M");
      sfn.deleteStateMachine(machine);
      assertThat(sfn.listStateMachines()).isEmpty();
    }
  }

  @Test
  void validateStateMachineDefinition_listsEveryProblem() {
    try (LocalStepFunctions sfn = LocalStepFunctions.local()) {
      String bad =
          "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"Z\"},\"B\":{\"Type\":\"Succeed\"}}}";

      List<ValidationDiagnostic> diagnostics = sfn.validateStateMachineDefinition(bad);

      assertThat(diagnostics)
          .extracting(ValidationDiagnostic::code)
          .contains("MISSING_TRANSITION_TARGET", "UNREACHABLE_STATE");
      assertThat(sfn.validateStateMachineDefinition(PASS)).isEmpty();
    }
  }

  @Test
  void updateStateMachine_changesTheDefinitionForNewExecutions() {
    try (LocalStepFunctions sfn = LocalStepFunctions.local()) {
      String machine = sfn.createStateMachine("U", PASS, null, null).stateMachineArn();
      sfn.updateStateMachine(machine, WAIT_HOUR, null);
      String exec = sfn.startExecution(machine, "u", "{}").executionArn();
      ExecutionInfo done = sfn.awaitExecution(exec, WAIT);
      assertThat(Duration.between(done.startDate(), done.stopDate()))
          .isEqualTo(Duration.ofHours(1));
    }
  }

  @Test
  void scaledClock_runsAWaitFasterThanRealTime() {
    String wait =
        "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":20,\"End\":true}}}";
    try (LocalStepFunctions sfn = LocalStepFunctions.builder().clockMode("scaled:100").build()) {
      String machine = sfn.createStateMachine("Scaled", wait, null, null).stateMachineArn();
      String exec = sfn.startExecution(machine, "s", "{}").executionArn();

      // WAIT bounds a hang only; the scaling arithmetic is RealClockTest's, on a hand-moved wall
      // clock
      ExecutionInfo done = sfn.awaitExecution(exec, WAIT);

      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(Duration.between(done.startDate(), done.stopDate()))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(20));
    }
  }

  @Test
  void clockMode_rejectsUnknownModes() {
    assertThatThrownBy(() -> LocalStepFunctions.builder().clockMode("warp"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("virtual, real, scaled:N");
  }

  @Test
  void stopExecution_duringAMap_keepsExecutionAbortedAsTheLastEvent() throws Exception {
    String definition =
        "{\"StartAt\":\"M\",\"States\":{\"M\":{\"Type\":\"Map\",\"End\":true,\"ItemProcessor\":"
            + "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\","
            + "\"Resource\":\"arn:aws:states:::lambda:invoke.waitForTaskToken\","
            + "\"Parameters\":{\"FunctionName\":\"Park\",\"Payload\":{\"t.$\":\"$$.Task.Token\"}},\"End\":true}}}}}}";
    List<String> tokens = new CopyOnWriteArrayList<>();
    try (LocalStepFunctions sfn =
        LocalStepFunctions.local(
            (arn, payload, ctx) -> {
              tokens.add(ctx.taskToken());
              return TextNode.valueOf("parked");
            })) {
      String machine = sfn.createStateMachine("StopMap", definition, null, null).stateMachineArn();
      String exec = sfn.startExecution(machine, "m", "[1,2,3]").executionArn();
      long deadline =
          System.currentTimeMillis() + 30_000; // a hang guard: returns as soon as it holds
      while (tokens.size() < 3 && System.currentTimeMillis() < deadline) {
        Thread.sleep(5);
      }

      sfn.stopExecution(exec, null, null);
      Thread.sleep(100); // let the iterations unwind

      List<HistoryEvent> history = sfn.getExecutionHistory(exec);
      assertThat(history.get(history.size() - 1).type()).isEqualTo("ExecutionAborted");
      assertThat(sfn.describeExecution(exec).status()).isEqualTo(ExecutionStatus.ABORTED);
      assertThatThrownBy(() -> sfn.sendTaskSuccess(tokens.get(0), "{}"))
          .isInstanceOfSatisfying(
              StepFunctionsException.class,
              e -> assertThat(e.errorCode()).isEqualTo("TaskTimedOut"));
    }
  }

  @Test
  void names_followAwsRules() {
    try (LocalStepFunctions sfn = LocalStepFunctions.local()) {
      assertThat(sfn.createStateMachine("Upgrade-prod_1.2", PASS, null, null).name())
          .isEqualTo("Upgrade-prod_1.2");
      assertThat(sfn.createStateMachine("Mise\u00e0Jour", PASS, null, null).name())
          .isEqualTo("Mise\u00e0Jour");
      for (String bad : List.of("", "a b", "a/b", "a:b", "a*", "x".repeat(81), "tab\t")) {
        assertCode(() -> sfn.createStateMachine(bad, PASS, null, null), "InvalidName");
      }
    }
  }

  @Test
  void maxConcurrentExecutions_queuesTheRest_inVirtualTime() {
    try (LocalStepFunctions sfn =
        LocalStepFunctions.builder()
            .maxConcurrentExecutions(2)
            .virtualStart(Instant.parse("2030-01-01T00:00:00Z"))
            .build()) {
      String machine = sfn.createStateMachine("Slots", WAIT_HOUR, null, null).stateMachineArn();
      List<String> arns = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        arns.add(sfn.startExecution(machine, "q" + i, "{}").executionArn());
      }
      for (String arn : arns) {
        assertThat(sfn.awaitExecution(arn, WAIT).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      }
      // never more than two Waits in progress at the same virtual instant (the test thread starts
      // executions while the clock may already be moving, so absolute end times are not fixed)
      List<Instant[]> spans = new ArrayList<>();
      for (String arn : arns) {
        List<HistoryEvent> history = sfn.getExecutionHistory(arn);
        spans.add(
            new Instant[] {
              event(history, "WaitStateEntered").timestamp(),
              event(history, "WaitStateExited").timestamp()
            });
      }
      for (Instant[] span : spans) {
        long overlapping =
            spans.stream().filter(o -> !o[0].isAfter(span[0]) && span[0].isBefore(o[1])).count();
        assertThat(overlapping).as("executions running during " + span[0]).isLessThanOrEqualTo(2);
      }
    }
  }

  @Test
  void history_usesAwsDetailFieldNames() {
    String definition =
        "{\"StartAt\":\"L\",\"States\":{"
            + "\"L\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:lambda:us-east-1:123456789012:function:F\",\"Next\":\"I\"},"
            + "\"I\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\",\"TimeoutSeconds\":30,"
            + "  \"Parameters\":{\"FunctionName\":\"F\",\"Payload.$\":\"$\"},\"OutputPath\":\"$.Payload\",\"Next\":\"M\"},"
            + "\"M\":{\"Type\":\"Map\",\"End\":true,\"ItemsPath\":\"$.xs\",\"ItemProcessor\":{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}}}}";
    try (LocalStepFunctions sfn = LocalStepFunctions.local((arn, payload, ctx) -> payload)) {
      String machine =
          sfn.createStateMachine("Hist", definition, "arn:aws:iam::123456789012:role/R", null)
              .stateMachineArn();
      String exec = sfn.startExecution(machine, "h", "{\"xs\":[7]}").executionArn();
      assertThat(sfn.awaitExecution(exec, WAIT).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      List<HistoryEvent> history = sfn.getExecutionHistory(exec);

      HistoryEvent started = event(history, "ExecutionStarted");
      assertThat(started.detailsField()).isEqualTo("executionStartedEventDetails");
      assertThat(started.details().get("roleArn").asText())
          .isEqualTo("arn:aws:iam::123456789012:role/R");
      HistoryEvent lambda = event(history, "LambdaFunctionScheduled");
      assertThat(lambda.detailsField()).isEqualTo("lambdaFunctionScheduledEventDetails");
      assertThat(lambda.details().get("resource").asText())
          .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:F");
      assertThat(lambda.details().get("input").asText()).isEqualTo("{\"xs\":[7]}");
      HistoryEvent task = event(history, "TaskScheduled");
      assertThat(task.detailsField()).isEqualTo("taskScheduledEventDetails");
      assertThat(task.details().get("resourceType").asText()).isEqualTo("lambda");
      assertThat(task.details().get("resource").asText()).isEqualTo("invoke");
      assertThat(task.details().get("region").asText()).isEqualTo("us-east-1");
      assertThat(task.details().get("timeoutInSeconds").asLong()).isEqualTo(30);
      assertThat(task.details().get("parameters").asText()).contains("\"FunctionName\":\"F\"");
      assertThat(event(history, "TaskSucceeded").detailsField())
          .isEqualTo("taskSucceededEventDetails");
      HistoryEvent mapStarted = event(history, "MapStateStarted");
      assertThat(mapStarted.details().get("length").asInt()).isEqualTo(1);
      HistoryEvent iteration = event(history, "MapIterationStarted");
      assertThat(iteration.detailsField()).isEqualTo("mapIterationStartedEventDetails");
      assertThat(iteration.details().get("name").asText()).isEqualTo("M");
      assertThat(iteration.details().get("index").asInt()).isZero();
      HistoryEvent entered = event(history, "TaskStateEntered");
      assertThat(entered.detailsField()).isEqualTo("stateEnteredEventDetails");
      assertThat(entered.details().get("name").asText()).isEqualTo("L");
      assertThat(event(history, "ExecutionSucceeded").detailsField())
          .isEqualTo("executionSucceededEventDetails");
      for (int i = 0; i < history.size(); i++) {
        assertThat(history.get(i).id()).isEqualTo(i + 1);
        assertThat(history.get(i).previousEventId()).isLessThan(history.get(i).id());
      }
    }
  }

  private static HistoryEvent event(List<HistoryEvent> history, String type) {
    return history.stream()
        .filter(e -> e.type().equals(type))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " in " + history));
  }

  @Test
  void executionsParkedInAWait_holdNoThreads_andStopExecutionEndsThem() throws Exception {
    try (LocalStepFunctions sfn = LocalStepFunctions.builder().clockMode("real").build()) {
      String machine = sfn.createStateMachine("Park", WAIT_HOUR, null, null).stateMachineArn();
      List<String> arns = new ArrayList<>();
      for (int k = 0; k < 200; k++) {
        arns.add(sfn.startExecution(machine, "p" + k, "{}").executionArn());
      }
      long deadline = System.nanoTime() + WAIT.toNanos();
      for (String arn : arns) {
        while (!lastEventType(sfn, arn).equals("WaitStateEntered")
            && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        assertThat(lastEventType(sfn, arn)).isEqualTo("WaitStateEntered");
      }

      // the last execution's thread may still be returning from recording WaitStateEntered
      while (threadsInEngineCode() > 0 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }

      assertThat(threadsInEngineCode()).isZero();
      for (String arn : arns) {
        sfn.stopExecution(arn, null, null);
      }
      for (String arn : arns) {
        assertThat(sfn.awaitExecution(arn, WAIT).status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(lastEventType(sfn, arn)).isEqualTo("ExecutionAborted");
      }
    }
  }

  /** Engine threads inside engine code: a pool thread idle in its queue holds no execution. */
  private static long threadsInEngineCode() {
    return Thread.getAllStackTraces().entrySet().stream()
        .filter(e -> e.getKey().getName().startsWith("sfn-"))
        .filter(
            e ->
                java.util.Arrays.stream(e.getValue())
                    .anyMatch(frame -> frame.getClassName().startsWith("dev.sqlup.local.asl.")))
        .count();
  }

  private static String lastEventType(LocalStepFunctions sfn, String arn) {
    List<HistoryEvent> events = sfn.getExecutionHistory(arn);
    return events.get(events.size() - 1).type();
  }

  @Test
  void retainFinishedExecutions_forgetsTheOldestFinished_keepsRunningOnes() {
    try (LocalStepFunctions sfn =
        LocalStepFunctions.builder()
            .taskInvoker((arn, payload, ctx) -> TextNode.valueOf("ok"))
            .retainFinishedExecutions(3)
            .build()) {
      String pass = sfn.createStateMachine("Hello", PASS, null, null).stateMachineArn();
      String park = sfn.createStateMachine("Park", PARK, null, null).stateMachineArn();
      String running = sfn.startExecution(park, "running", "{}").executionArn();
      List<String> finished = new ArrayList<>();
      for (int k = 0; k < 5; k++) {
        String arn = sfn.startExecution(pass, "e" + k, "{}").executionArn();
        assertThat(sfn.awaitExecution(arn, WAIT).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        finished.add(arn);
      }

      assertCode(() -> sfn.describeExecution(finished.get(0)), "ExecutionDoesNotExist");
      assertCode(() -> sfn.getExecutionHistory(finished.get(1)), "ExecutionDoesNotExist");
      assertThat(sfn.listExecutions(pass, null))
          .extracting(ExecutionInfo::name)
          .containsExactlyInAnyOrder("e2", "e3", "e4");
      assertThat(sfn.describeExecution(running).status()).isEqualTo(ExecutionStatus.RUNNING);
      assertThatThrownBy(() -> LocalStepFunctions.builder().retainFinishedExecutions(0))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static void assertCode(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            StepFunctionsException.class, e -> assertThat(e.errorCode()).isEqualTo(code));
  }
}
