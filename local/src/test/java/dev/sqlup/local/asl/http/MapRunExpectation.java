package dev.sqlup.local.asl.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.StepFunctions;
import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.asl.model.MapRunInfo;
import dev.sqlup.local.asl.model.StepFunctionsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * The {@code "mapRun"} expectation of a conformance case, checked in-process, with the SDK and with
 * the CLI: the execution's one Map Run has {@code status}; ListExecutions with its ARN lists its
 * children ({@code childStatuses}: how many end in each status), each with {@code mapRunArn} and
 * {@code itemCount}; DescribeExecution of each child has {@code mapRunArn}; GetExecutionHistory of
 * a child fails with {@code childHistoryError} if given, else succeeds.
 */
public final class MapRunExpectation {
  private MapRunExpectation() {}

  public static void check(StepFunctions engine, String execution, JsonNode expect) {
    List<MapRunInfo> runs = engine.listMapRuns(execution);
    assertThat(runs).as("map runs").hasSize(1);
    String mapRun = runs.get(0).mapRunArn();
    assertThat(engine.describeMapRun(mapRun).status())
        .as("map run status")
        .isEqualTo(expect.get("status").asText());
    List<ExecutionInfo> children = engine.listMapRunExecutions(mapRun, null);
    assertThat(statuses(children.stream().map(c -> c.status().name()).toList()))
        .as("child statuses")
        .isEqualTo(expected(expect));
    for (ExecutionInfo child : children) {
      assertThat(child.mapRunArn()).as("listed mapRunArn").isEqualTo(mapRun);
      assertThat(child.itemCount()).as("itemCount").isNotNull();
      assertThat(engine.describeExecution(child.executionArn()).mapRunArn())
          .as("described mapRunArn")
          .isEqualTo(mapRun);
      if (expect.has("childHistoryError")) {
        assertThatThrownBy(() -> engine.getExecutionHistory(child.executionArn()))
            .isInstanceOfSatisfying(
                StepFunctionsException.class,
                e -> assertThat(e.errorCode()).isEqualTo(expect.get("childHistoryError").asText()));
      } else {
        assertThat(engine.getExecutionHistory(child.executionArn())).isNotEmpty();
      }
    }
  }

  static void check(SfnClient sfn, String execution, JsonNode expect) {
    var runs = sfn.listMapRuns(b -> b.executionArn(execution)).mapRuns();
    assertThat(runs).as("map runs").hasSize(1);
    String mapRun = runs.get(0).mapRunArn();
    assertThat(sfn.describeMapRun(b -> b.mapRunArn(mapRun)).statusAsString())
        .as("map run status")
        .isEqualTo(expect.get("status").asText());
    List<ExecutionListItem> children = sfn.listExecutions(b -> b.mapRunArn(mapRun)).executions();
    assertThat(statuses(children.stream().map(ExecutionListItem::statusAsString).toList()))
        .as("child statuses")
        .isEqualTo(expected(expect));
    for (ExecutionListItem child : children) {
      assertThat(child.mapRunArn()).as("listed mapRunArn").isEqualTo(mapRun);
      assertThat(child.itemCount()).as("itemCount").isNotNull();
      assertThat(sfn.describeExecution(b -> b.executionArn(child.executionArn())).mapRunArn())
          .as("described mapRunArn")
          .isEqualTo(mapRun);
      if (expect.has("childHistoryError")) {
        assertThatThrownBy(() -> sfn.getExecutionHistory(b -> b.executionArn(child.executionArn())))
            .isInstanceOfSatisfying(
                SfnException.class,
                e ->
                    assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo(expect.get("childHistoryError").asText()));
      } else {
        assertThat(sfn.getExecutionHistory(b -> b.executionArn(child.executionArn())).events())
            .isNotEmpty();
      }
    }
  }

  static void check(AwsCli aws, String execution, JsonNode expect) throws Exception {
    JsonNode runs = aws.stepfunctions("list-map-runs", "--execution-arn", execution).get("mapRuns");
    assertThat(runs.size()).as("map runs").isEqualTo(1);
    String mapRun = runs.get(0).get("mapRunArn").asText();
    assertThat(
            aws.stepfunctions("describe-map-run", "--map-run-arn", mapRun).get("status").asText())
        .as("map run status")
        .isEqualTo(expect.get("status").asText());
    JsonNode children =
        aws.stepfunctions("list-executions", "--map-run-arn", mapRun).get("executions");
    List<String> statuses = new ArrayList<>();
    children.forEach(c -> statuses.add(c.get("status").asText()));
    assertThat(statuses(statuses)).as("child statuses").isEqualTo(expected(expect));
    for (JsonNode child : children) {
      String arn = child.get("executionArn").asText();
      assertThat(child.path("mapRunArn").asText()).as("listed mapRunArn").isEqualTo(mapRun);
      assertThat(child.has("itemCount")).as("itemCount").isTrue();
      assertThat(
              aws.stepfunctions("describe-execution", "--execution-arn", arn)
                  .path("mapRunArn")
                  .asText())
          .as("described mapRunArn")
          .isEqualTo(mapRun);
      AwsCli.Result history =
          aws.run("stepfunctions", "get-execution-history", "--execution-arn", arn);
      if (expect.has("childHistoryError")) {
        assertThat(history.exitCode()).as("get-execution-history exit code").isNotZero();
        assertThat(history.stderr()).contains("(" + expect.get("childHistoryError").asText() + ")");
      } else {
        assertThat(history.exitCode()).as("get-execution-history: " + history.stderr()).isZero();
      }
    }
  }

  private static Map<String, Integer> statuses(List<String> statuses) {
    Map<String, Integer> out = new TreeMap<>();
    statuses.forEach(s -> out.merge(s, 1, Integer::sum));
    return out;
  }

  private static Map<String, Integer> expected(JsonNode expect) {
    Map<String, Integer> out = new TreeMap<>();
    expect
        .get("childStatuses")
        .fields()
        .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asInt()));
    return out;
  }
}
