package dev.sqlup.local.asl.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlup.local.asl.ConformanceFunctionsForHttp;
import dev.sqlup.local.asl.StepFunctions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A subset of the conformance cases through the AWS CLI (about 0.5 s per call, three calls a case):
 * the first case of each topic folder, at most {@value #MAX_CASES}, and every case marked {@code
 * "cli": true} (one per JSONata / variables construct), to keep the default build fast.
 */
class HttpConformanceCliTest {
  static final int MAX_CASES = 4;
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void cliInstalled() {
    AwsCli.requireInstalled();
  }

  /** The first case (by path) of each topic that runs an execution, capped. */
  static List<ConformanceCase> subset() {
    Map<String, ConformanceCase> firstPerTopic = new LinkedHashMap<>();
    for (ConformanceCase c : ConformanceCase.all()) {
      if (!c.expect().has("createError") && !c.expect().has("startError")) {
        firstPerTopic.putIfAbsent(c.topic(), c);
      }
    }
    List<ConformanceCase> subset =
        new java.util.ArrayList<>(firstPerTopic.values().stream().limit(MAX_CASES).toList());
    for (ConformanceCase c : ConformanceCase.all()) {
      if (c.cli() && !subset.contains(c)) {
        subset.add(c);
      }
    }
    return subset;
  }

  @TestFactory
  Stream<DynamicTest> firstCaseOfEachTopic() {
    List<ConformanceCase> cases = subset();
    assertThat(cases).as("conformance cases under src/test/resources/asl-conformance").isNotEmpty();
    return cases.stream()
        .map(c -> DynamicTest.dynamicTest(c.id() + ": " + c.description(), () -> run(c)));
  }

  /** A fresh engine and server per case, as in {@link HttpConformanceTest}. */
  private void run(ConformanceCase c) throws Exception {
    try (StepFunctions engine =
            ConformanceFunctionsForHttp.engine(HttpConformanceTest.VIRTUAL_START);
        StepFunctionsHttpServer server = new StepFunctionsHttpServer(engine, 0).start()) {
      run(c, engine, new AwsCli(server.endpoint()));
    }
  }

  private static void run(ConformanceCase c, StepFunctions engine, AwsCli aws) throws Exception {
    for (Map.Entry<String, String> other : c.machines().entrySet()) {
      aws.stepfunctions(
          "create-state-machine",
          "--name",
          other.getKey(),
          "--definition",
          other.getValue(),
          "--role-arn",
          HttpConformanceTest.ROLE);
    }
    String machine =
        aws.stepfunctions(
                "create-state-machine",
                "--name",
                HttpConformanceTest.MACHINE_NAME,
                "--definition",
                c.definition(),
                "--role-arn",
                HttpConformanceTest.ROLE)
            .get("stateMachineArn")
            .asText();
    String execution =
        aws.stepfunctions(
                "start-execution",
                "--state-machine-arn",
                machine,
                "--name",
                HttpConformanceTest.EXECUTION_NAME,
                "--input",
                c.input())
            .get("executionArn")
            .asText();
    engine.awaitExecution(execution, Duration.ofSeconds(30));
    JsonNode done = aws.stepfunctions("describe-execution", "--execution-arn", execution);

    JsonNode expect = c.expect();
    assertThat(done.get("status").asText()).as("status").isEqualTo(expect.get("status").asText());
    if (expect.has("output")) {
      if (!done.has("output")) {
        fail("no output in %s", done);
      }
      assertThat(JSON.readTree(done.get("output").asText()))
          .as("output")
          .isEqualTo(expect.get("output"));
    }
    if (expect.has("error")) {
      assertThat(done.path("error").asText()).as("error").isEqualTo(expect.get("error").asText());
    }
    if (expect.has("causeContains")) {
      assertThat(done.path("cause").asText())
          .as("cause")
          .contains(expect.get("causeContains").asText());
    }
    if (expect.has("cause")) {
      assertThat(done.path("cause").asText()).as("cause").isEqualTo(expect.get("cause").asText());
    }
    if (expect.has("mapRun")) {
      MapRunExpectation.check(aws, execution, expect.get("mapRun"));
    }
  }
}
