package dev.sqlup.local.asl.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.ConformanceFunctionsForHttp;
import dev.sqlup.local.asl.StepFunctions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeMapRunResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.MapRunListItem;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * The Map Run operations (API reference: ListMapRuns, DescribeMapRun, UpdateMapRun, ListExecutions
 * with mapRunArn) over HTTP, with the AWS SDK and the AWS CLI, on a finished Distributed Map.
 */
class DistributedMapApiTest {
  private static final String DEFINITION =
      """
      {"StartAt": "Wave", "States": {"Wave": {"Type": "Map", "Label": "wave", "MaxConcurrency": 2,
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
          "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
        "End": true}}}""";

  private StepFunctions engine;
  private StepFunctionsHttpServer server;
  private SfnClient sfn;
  private String execution;

  @BeforeEach
  void runADistributedMap() throws Exception {
    engine = ConformanceFunctionsForHttp.engine(HttpConformanceTest.VIRTUAL_START);
    server = new StepFunctionsHttpServer(engine, 0).start();
    sfn = SfnClients.at(server.endpoint());
    String machine =
        sfn.createStateMachine(
                b -> b.name("Campaign").definition(DEFINITION).roleArn(HttpConformanceTest.ROLE))
            .stateMachineArn();
    execution =
        sfn.startExecution(b -> b.stateMachineArn(machine).name("w1").input("[1, 2, 3]"))
            .executionArn();
    engine.awaitExecution(execution, Duration.ofSeconds(20));
  }

  @AfterEach
  void stop() {
    sfn.close();
    server.close();
    engine.close();
  }

  @Test
  void mapRun_isListedDescribedAndItsChildrenListed_withTheSdk() {
    // WHEN
    List<MapRunListItem> runs = sfn.listMapRuns(b -> b.executionArn(execution)).mapRuns();
    // THEN
    assertThat(runs).hasSize(1);
    String mapRun = runs.get(0).mapRunArn();
    assertThat(mapRun).startsWith("arn:aws:states:us-east-1:123456789012:mapRun:Campaign/wave:");
    assertThat(runs.get(0).stateMachineArn())
        .isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:Campaign/wave");
    DescribeMapRunResponse described = sfn.describeMapRun(b -> b.mapRunArn(mapRun));
    assertThat(described.statusAsString()).isEqualTo("SUCCEEDED");
    assertThat(described.executionArn()).isEqualTo(execution);
    assertThat(described.maxConcurrency()).isEqualTo(2);
    assertThat(described.itemCounts().total()).isEqualTo(3);
    assertThat(described.itemCounts().succeeded()).isEqualTo(3);
    assertThat(described.executionCounts().succeeded()).isEqualTo(3);
    assertThat(described.stopDate()).isNotNull();
    List<ExecutionListItem> children = sfn.listExecutions(b -> b.mapRunArn(mapRun)).executions();
    assertThat(children)
        .hasSize(3)
        .allSatisfy(
            child -> {
              assertThat(child.statusAsString()).isEqualTo("SUCCEEDED");
              assertThat(child.executionArn())
                  .startsWith("arn:aws:states:us-east-1:123456789012:execution:Campaign/wave:");
            });
    assertThat(sfn.describeExecution(b -> b.executionArn(children.get(0).executionArn())).output())
        .isIn("1", "2", "3");
    // the children are not executions of the parent machine
    assertThat(
            sfn.listExecutions(
                    b ->
                        b.stateMachineArn(
                            described
                                .executionArn()
                                .replace(":execution:", ":stateMachine:")
                                .replace(":w1", "")))
                .executions())
        .hasSize(1);
  }

  @Test
  void updateMapRun_changesItsSettings_andUnknownRunsAreResourceNotFound() {
    String mapRun = sfn.listMapRuns(b -> b.executionArn(execution)).mapRuns().get(0).mapRunArn();
    // WHEN
    sfn.updateMapRun(
        b ->
            b.mapRunArn(mapRun)
                .maxConcurrency(5)
                .toleratedFailurePercentage(10f)
                .toleratedFailureCount(1L));
    // THEN
    DescribeMapRunResponse described = sfn.describeMapRun(b -> b.mapRunArn(mapRun));
    assertThat(described.maxConcurrency()).isEqualTo(5);
    assertThat(described.toleratedFailurePercentage()).isEqualTo(10f);
    assertThat(described.toleratedFailureCount()).isEqualTo(1L);
    assertThatThrownBy(() -> sfn.describeMapRun(b -> b.mapRunArn(mapRun + "x")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(
            () -> sfn.updateMapRun(b -> b.mapRunArn(mapRun).toleratedFailurePercentage(101f)))
        .isInstanceOfSatisfying(
            SfnException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
  }

  @Test
  void mapRunOperations_throughTheAwsCli() throws Exception {
    AwsCli.requireInstalled();
    AwsCli aws = new AwsCli(server.endpoint());
    // WHEN
    JsonNode runs = aws.stepfunctions("list-map-runs", "--execution-arn", execution);
    String mapRun = runs.get("mapRuns").get(0).get("mapRunArn").asText();
    JsonNode described = aws.stepfunctions("describe-map-run", "--map-run-arn", mapRun);
    JsonNode children = aws.stepfunctions("list-executions", "--map-run-arn", mapRun);
    aws.stepfunctions("update-map-run", "--map-run-arn", mapRun, "--max-concurrency", "7");
    // THEN
    assertThat(described.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(described.get("itemCounts").get("succeeded").asInt()).isEqualTo(3);
    assertThat(children.get("executions")).hasSize(3);
    assertThat(
            aws.stepfunctions("describe-map-run", "--map-run-arn", mapRun)
                .get("maxConcurrency")
                .asInt())
        .isEqualTo(7);
  }
}
