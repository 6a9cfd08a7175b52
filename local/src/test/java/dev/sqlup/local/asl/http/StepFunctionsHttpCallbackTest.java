package dev.sqlup.local.asl.http;

import static dev.sqlup.local.asl.http.Definitions.ROLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sqlup.local.asl.StepFunctions;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * {@code .waitForTaskToken} over HTTP: a Lambda task hands out its token and returns; the execution
 * waits until a client answers with SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat.
 */
class StepFunctionsHttpCallbackTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String APPROVAL =
      """
      {"StartAt": "Ask", "States": {
        "Ask": {"Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                "Parameters": {"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:ask",
                               "Payload": {"token.$": "$$.Task.Token", "who.$": "$.who"}},
                "HeartbeatSeconds": 600,
                "ResultPath": "$.answer",
                "End": true}}}""";

  /** Tokens the "ask" function received, in order. */
  private final BlockingQueue<String> tokens = new LinkedBlockingQueue<>();

  private StepFunctions engine;
  private StepFunctionsHttpServer server;
  private SfnClient sfn;

  @BeforeEach
  void start() throws Exception {
    engine =
        TestEngines.realTime(
            (arn, payload, ctx) -> {
              tokens.add(payload.get("token").asText());
              assertThat(ctx.taskToken()).isEqualTo(payload.get("token").asText());
              return JsonNodeFactory.instance.objectNode();
            });
    server = new StepFunctionsHttpServer(engine, 0).start();
    sfn = SfnClients.at(server.endpoint());
  }

  @AfterEach
  void stop() {
    sfn.close();
    server.close();
    engine.close();
  }

  private String startAndTakeToken(String machine) throws InterruptedException {
    sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"who\":\"dba\"}"));
    String token = tokens.poll(20, TimeUnit.SECONDS);
    assertThat(token).as("task token handed to the function").isNotBlank();
    return token;
  }

  @Test
  void sendTaskSuccess_completesTheWaitingTask() throws Exception {
    String machine =
        sfn.createStateMachine(b -> b.name("approval").definition(APPROVAL).roleArn(ROLE))
            .stateMachineArn();
    String token = startAndTakeToken(machine);
    String execution =
        sfn.listExecutions(b -> b.stateMachineArn(machine)).executions().get(0).executionArn();
    assertThat(sfn.describeExecution(b -> b.executionArn(execution)).status())
        .isEqualTo(ExecutionStatus.RUNNING);

    sfn.sendTaskHeartbeat(b -> b.taskToken(token));
    sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"approved\":true}"));

    var done = engine.awaitExecution(execution, Duration.ofSeconds(20));
    assertThat(done.status().name()).isEqualTo("SUCCEEDED");
    assertThat(JSON.readTree(sfn.describeExecution(b -> b.executionArn(execution)).output()))
        .isEqualTo(JSON.readTree("{\"who\":\"dba\",\"answer\":{\"approved\":true}}"));
    assertThat(sfn.getExecutionHistory(b -> b.executionArn(execution)).events())
        .extracting(HistoryEvent::type)
        .contains(HistoryEventType.TASK_SCHEDULED, HistoryEventType.TASK_SUCCEEDED);
    // the token is spent: AWS answers TaskTimedOut for a finished task's token
    assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}")))
        .isInstanceOf(TaskTimedOutException.class);
  }

  @Test
  void sendTaskFailure_failsTheExecutionWithTheGivenError() throws Exception {
    String machine =
        sfn.createStateMachine(b -> b.name("approval").definition(APPROVAL).roleArn(ROLE))
            .stateMachineArn();
    String token = startAndTakeToken(machine);
    String execution =
        sfn.listExecutions(b -> b.stateMachineArn(machine)).executions().get(0).executionArn();

    sfn.sendTaskFailure(b -> b.taskToken(token).error("Approval.Rejected").cause("not tonight"));

    engine.awaitExecution(execution, Duration.ofSeconds(20));
    var described = sfn.describeExecution(b -> b.executionArn(execution));
    assertThat(described.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(described.error()).isEqualTo("Approval.Rejected");
    assertThat(described.cause()).isEqualTo("not tonight");
  }

  @Test
  void sendTaskSuccess_withInvalidJsonOutput_isRejected_andTheTaskKeepsWaiting() throws Exception {
    String machine =
        sfn.createStateMachine(b -> b.name("approval").definition(APPROVAL).roleArn(ROLE))
            .stateMachineArn();
    String token = startAndTakeToken(machine);
    String execution =
        sfn.listExecutions(b -> b.stateMachineArn(machine)).executions().get(0).executionArn();

    assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken(token).output("{not json")))
        .isInstanceOf(software.amazon.awssdk.services.sfn.model.InvalidOutputException.class);

    assertThat(sfn.describeExecution(b -> b.executionArn(execution)).status())
        .isEqualTo(ExecutionStatus.RUNNING);
    sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}"));
    assertThat(engine.awaitExecution(execution, Duration.ofSeconds(20)).status().name())
        .isEqualTo("SUCCEEDED");
  }
}
