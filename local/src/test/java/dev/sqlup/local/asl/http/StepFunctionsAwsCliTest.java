package dev.sqlup.local.asl.http;

import static dev.sqlup.local.asl.http.Definitions.PASS_CHAIN;
import static dev.sqlup.local.asl.http.Definitions.ROLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlup.local.asl.StepFunctions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The AWS CLI v2 against {@link StepFunctionsHttpServer}: what it prints is AWS's JSON. */
class StepFunctionsAwsCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private StepFunctions engine;
  private StepFunctionsHttpServer server;
  private AwsCli aws;

  @BeforeEach
  void start() throws Exception {
    AwsCli.requireInstalled();
    engine = TestEngines.inMemory();
    server = new StepFunctionsHttpServer(engine, 0).start();
    aws = new AwsCli(server.endpoint());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
      engine.close();
    }
  }

  @Test
  void createStartDescribeHistoryList_printAwsShapedJson() throws Exception {
    // GIVEN
    JsonNode created =
        aws.stepfunctions(
            "create-state-machine",
            "--name",
            "cli",
            "--definition",
            PASS_CHAIN,
            "--role-arn",
            ROLE);
    String machine = created.get("stateMachineArn").asText();
    assertThat(machine).endsWith(":stateMachine:cli");
    assertThat(created.get("creationDate").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*");

    // WHEN
    JsonNode started =
        aws.stepfunctions(
            "start-execution",
            "--state-machine-arn",
            machine,
            "--name",
            "run-1",
            "--input",
            "{\"n\":7}");
    String execution = started.get("executionArn").asText();
    engine.awaitExecution(execution, Duration.ofSeconds(20));

    // THEN
    JsonNode described = aws.stepfunctions("describe-execution", "--execution-arn", execution);
    assertThat(described.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(described.get("name").asText()).isEqualTo("run-1");
    assertThat(JSON.readTree(described.get("output").asText()))
        .isEqualTo(JSON.readTree("{\"n\":7,\"greeting\":\"hello\"}"));

    JsonNode history = aws.stepfunctions("get-execution-history", "--execution-arn", execution);
    List<String> types = new ArrayList<>();
    history.get("events").forEach(e -> types.add(e.get("type").asText()));
    assertThat(types)
        .containsExactly(
            "ExecutionStarted",
            "PassStateEntered",
            "PassStateExited",
            "PassStateEntered",
            "PassStateExited",
            "ExecutionSucceeded");
    assertThat(history.get("events").get(1).get("stateEnteredEventDetails").get("name").asText())
        .isEqualTo("Greet");

    // the CLI paginates itself with --page-size: two-event pages still give the whole history
    JsonNode paged =
        aws.stepfunctions(
            "get-execution-history", "--execution-arn", execution, "--page-size", "2");
    assertThat(paged.get("events")).hasSize(6);

    JsonNode listed = aws.stepfunctions("list-executions", "--state-machine-arn", machine);
    assertThat(listed.get("executions")).hasSize(1);
    assertThat(listed.get("executions").get(0).get("executionArn").asText()).isEqualTo(execution);
    assertThat(listed.get("executions").get(0).get("status").asText()).isEqualTo("SUCCEEDED");
  }

  @Test
  void describeMissingExecution_printsTheAwsErrorCode() throws Exception {
    assertThatThrownBy(
            () ->
                aws.stepfunctions(
                    "describe-execution",
                    "--execution-arn",
                    "arn:aws:states:us-east-1:123456789012:execution:none:none"))
        .isInstanceOf(AwsCli.CliFailure.class)
        .hasMessageContaining("ExecutionDoesNotExist");
  }

  // ValidateStateMachineDefinition is checked through the SDK (StepFunctionsHttpSdkTest): the
  // Debian CLI
  // 2.9.19 predates it (2.15), and a test that skips on the CI machine checks nothing.
}
