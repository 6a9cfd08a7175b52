package dev.sqlup.local.asl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.asl.model.ExecutionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stopping an execution stops what it started and waits for: the child of a {@code .sync} task
 * (developer guide "Start a new AWS Step Functions state machine from a running execution") and the
 * child executions of a Distributed Map ("Using Map state in Distributed mode").
 */
class NestedExecutionStopTest {
  private static final String PARK =
      """
      {"StartAt": "Park", "States": {"Park": {"Type": "Task",
        "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
        "Parameters": {"FunctionName": "Park", "Payload": {"token.$": "$$.Task.Token"}}, "End": true}}}""";
  private static final String SYNC_PARENT =
      """
      {"StartAt": "Run", "States": {"Run": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
        "Parameters": {"StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:Parked"}, "End": true}}}""";
  private static final String MAP_PARENT =
      """
      {"StartAt": "Wave", "States": {"Wave": {"Type": "Map",
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
          "StartAt": "Park", "States": {"Park": {"Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
            "Parameters": {"FunctionName": "Park", "Payload": {"token.$": "$$.Task.Token"}}, "End": true}}},
        "End": true}}}""";

  @Test
  void stoppingASyncTasksExecution_abortsItsChild() throws Exception {
    CountDownLatch parked = new CountDownLatch(1);
    try (LocalStepFunctions engine = engine(parked)) {
      // GIVEN a parent waiting (.sync:2) for a child that waits for a token nobody sends
      engine.createStateMachine("Parked", PARK, null, null);
      String parent =
          engine
              .startExecution(
                  engine.createStateMachine("Parent", SYNC_PARENT, null, null).stateMachineArn(),
                  "p",
                  "{}")
              .executionArn();
      assertThat(parked.await(10, TimeUnit.SECONDS)).isTrue();
      List<ExecutionInfo> children =
          engine.listExecutions("arn:aws:states:us-east-1:123456789012:stateMachine:Parked", null);
      assertThat(children).hasSize(1);
      // WHEN the parent is stopped
      engine.stopExecution(parent, "Ops.Stop", "stopped by the test");
      // THEN its child ends ABORTED too
      ExecutionInfo child =
          engine.awaitExecution(children.get(0).executionArn(), Duration.ofSeconds(10));
      assertThat(child.status()).isEqualTo(ExecutionStatus.ABORTED);
    }
  }

  @Test
  void stoppingADistributedMapsExecution_abortsItsMapRunAndChildren() throws Exception {
    CountDownLatch parked = new CountDownLatch(2);
    try (LocalStepFunctions engine = engine(parked)) {
      String parent =
          engine
              .startExecution(
                  engine.createStateMachine("Parent", MAP_PARENT, null, null).stateMachineArn(),
                  "p",
                  "[1, 2]")
              .executionArn();
      assertThat(parked.await(10, TimeUnit.SECONDS)).isTrue();
      String mapRun = engine.listMapRuns(parent).get(0).mapRunArn();
      assertThat(engine.describeMapRun(mapRun).itemCounts().running()).isEqualTo(2);
      // WHEN
      engine.stopExecution(parent, null, null);
      // THEN
      for (ExecutionInfo child : engine.listMapRunExecutions(mapRun, null)) {
        assertThat(engine.awaitExecution(child.executionArn(), Duration.ofSeconds(10)).status())
            .isEqualTo(ExecutionStatus.ABORTED);
      }
      long deadline = System.currentTimeMillis() + 10_000;
      while (!engine.describeMapRun(mapRun).status().equals("ABORTED")
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(10);
      }
      assertThat(engine.describeMapRun(mapRun).status()).isEqualTo("ABORTED");
    }
  }

  private static LocalStepFunctions engine(CountDownLatch parked) {
    return LocalStepFunctions.builder()
        .virtualStart(Instant.parse("2026-01-01T00:00:00Z"))
        .taskInvoker(
            (arn, payload, ctx) -> {
              parked.countDown(); // answers nothing: the task waits for its token
              return JsonNodeFactory.instance.objectNode();
            })
        .build();
  }
}
