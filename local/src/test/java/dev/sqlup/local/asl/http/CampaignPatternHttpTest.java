package dev.sqlup.local.asl.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sqlup.local.asl.LocalStepFunctions;
import dev.sqlup.local.asl.model.StatesError;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The shape a fleet campaign takes (a later issue's statemachine/campaign.asl.json): an approval
 * step that waits for a task token, answered by a client with SendTaskSuccess over the HTTP API,
 * then a wave as a Distributed Map whose items each run a nested "upgrade" execution with
 * startExecution.sync:2. Everything goes through the Step Functions API with the AWS SDK.
 */
class CampaignPatternHttpTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String L = "arn:aws:lambda:us-east-1:123456789012:function:";
  private static final String UPGRADE =
      """
      {"QueryLanguage": "JSONata", "StartAt": "Upgrade", "States": {
        "Upgrade": {"Type": "Task", "Resource": "%sUpgrade", "End": true}}}"""
          .formatted(L);
  private static final String CAMPAIGN =
      """
      {"QueryLanguage": "JSONata", "StartAt": "Approve", "States": {
        "Approve": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
          "Arguments": {"FunctionName": "Approval",
                        "Payload": {"token": "{% $states.context.Task.Token %}", "wave": 1}},
          "Assign": {"approvedBy": "{% $states.result.by %}"}, "Output": "{% $states.input %}", "Next": "Wave"},
        "Wave": {"Type": "Map", "Items": "{% $states.input.instances %}", "MaxConcurrency": 2, "Label": "wave1",
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Run", "States": {"Run": {"Type": "Task",
              "Resource": "arn:aws:states:::states:startExecution.sync:2",
              "Arguments": {"StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:Upgrade",
                            "Input": {"instanceId": "{% $states.input %}"}},
              "Output": "{% $states.result.Output %}", "End": true}}},
          "Output": {"approvedBy": "{% $approvedBy %}", "results": "{% $states.result %}"}, "End": true}}}""";

  @Test
  void approvalThenWave_runsNestedUpgrades_endToEndThroughTheApi() throws Exception {
    CompletableFuture<String> approvalToken = new CompletableFuture<>();
    LocalStepFunctions engine =
        LocalStepFunctions.builder()
            .virtualStart(Instant.parse("2026-01-01T00:00:00Z"))
            .taskInvoker(
                (arn, payload, ctx) -> {
                  if (arn.endsWith(":Approval")) {
                    approvalToken.complete(payload.get("token").asText());
                    return JsonNodeFactory.instance.objectNode();
                  }
                  if (arn.endsWith(":Upgrade")) {
                    return JsonNodeFactory.instance
                        .objectNode()
                        .put("instanceId", payload.get("instanceId").asText())
                        .put("outcome", "Upgraded");
                  }
                  throw new StatesError("Lambda.ResourceNotFoundException", arn);
                })
            .build();
    try (engine;
        StepFunctionsHttpServer server = new StepFunctionsHttpServer(engine, 0).start();
        SfnClient sfn = SfnClients.at(server.endpoint())) {
      // GIVEN the upgrade machine and the campaign machine
      sfn.createStateMachine(
          b -> b.name("Upgrade").definition(UPGRADE).roleArn(HttpConformanceTest.ROLE));
      String campaign =
          sfn.createStateMachine(
                  b -> b.name("Campaign").definition(CAMPAIGN).roleArn(HttpConformanceTest.ROLE))
              .stateMachineArn();
      String execution =
          sfn.startExecution(
                  b ->
                      b.stateMachineArn(campaign)
                          .name("c1")
                          .input("{\"instances\": [\"rm-1\", \"rm-2\", \"rm-3\"]}"))
              .executionArn();

      // WHEN the approver answers the token over the API
      String token = approvalToken.get(10, TimeUnit.SECONDS);
      assertThat(sfn.describeExecution(b -> b.executionArn(execution)).status())
          .isEqualTo(ExecutionStatus.RUNNING);
      sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"by\": \"ops\"}"));
      engine.awaitExecution(execution, Duration.ofSeconds(20));

      // THEN the wave ran one nested upgrade per instance, through one Map Run
      var done = sfn.describeExecution(b -> b.executionArn(execution));
      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      JsonNode output = JSON.readTree(done.output());
      assertThat(output.get("approvedBy").asText()).isEqualTo("ops");
      assertThat(output.get("results")).hasSize(3);
      assertThat(output.get("results").get(1).get("instanceId").asText()).isEqualTo("rm-2");
      assertThat(output.get("results").get(2).get("outcome").asText()).isEqualTo("Upgraded");
      // AND the history shows the variable the approval assigned
      // (StateExitedEventDetails.assignedVariables)
      var approveExited =
          sfn.getExecutionHistory(b -> b.executionArn(execution)).events().stream()
              .filter(e -> e.typeAsString().equals("TaskStateExited"))
              .findFirst()
              .orElseThrow();
      assertThat(approveExited.stateExitedEventDetails().assignedVariables())
          .containsEntry("approvedBy", "\"ops\"");
      String mapRun = sfn.listMapRuns(b -> b.executionArn(execution)).mapRuns().get(0).mapRunArn();
      assertThat(sfn.describeMapRun(b -> b.mapRunArn(mapRun)).itemCounts().succeeded())
          .isEqualTo(3);
      assertThat(sfn.listExecutions(b -> b.mapRunArn(mapRun)).executions()).hasSize(3);
      assertThat(
              sfn.listExecutions(
                      b ->
                          b.stateMachineArn(
                              "arn:aws:states:us-east-1:123456789012:stateMachine:Upgrade"))
                  .executions())
          .hasSize(3)
          .allSatisfy(e -> assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED));
    }
  }
}
