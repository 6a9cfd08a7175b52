package dev.sqlup.local.asl.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlup.local.asl.ConformanceFunctionsForHttp;
import dev.sqlup.local.asl.StepFunctions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * The engine's conformance cases, run through the HTTP API with the AWS SDK: create the machine,
 * start it, let it finish, describe it, and compare with the case's {@code expect}.
 */
class HttpConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** As in the engine's own runner: virtual time starts here, a fresh engine per case. */
  static final Instant VIRTUAL_START = Instant.parse("2026-01-01T00:00:00Z");

  /** The names the engine's runner uses; cases that read the Context object expect them. */
  static final String MACHINE_NAME = "Case";

  static final String EXECUTION_NAME = "run";
  static final String ROLE = "arn:aws:iam::123456789012:role/CaseRole";

  @TestFactory
  Stream<DynamicTest> everyCase() {
    List<ConformanceCase> cases = ConformanceCase.all();
    assertThat(cases).as("conformance cases under src/test/resources/asl-conformance").isNotEmpty();
    return cases.stream()
        .map(c -> DynamicTest.dynamicTest(c.id() + ": " + c.description(), () -> run(c)));
  }

  /**
   * A fresh engine (virtual time from VIRTUAL_START, the conformance functions) behind a fresh
   * server.
   */
  private void run(ConformanceCase c) throws Exception {
    try {
      runOnFreshEngine(c);
    } catch (AssertionError e) {
      // surefire reports dynamic tests by index: name the case
      throw new AssertionError(c.id() + ": " + e.getMessage(), e);
    }
  }

  private void runOnFreshEngine(ConformanceCase c) throws Exception {
    try (StepFunctions engine = ConformanceFunctionsForHttp.engine(VIRTUAL_START);
        StepFunctionsHttpServer server = new StepFunctionsHttpServer(engine, 0).start();
        SfnClient sfn = SfnClients.at(server.endpoint())) {
      run(c, engine, sfn);
    }
  }

  private static void run(ConformanceCase c, StepFunctions engine, SfnClient sfn) throws Exception {
    JsonNode expect = c.expect();
    c.machines()
        .forEach(
            (name, definition) ->
                sfn.createStateMachine(b -> b.name(name).definition(definition).roleArn(ROLE)));
    String machine;
    try {
      machine =
          sfn.createStateMachine(b -> b.name(MACHINE_NAME).definition(c.definition()).roleArn(ROLE))
              .stateMachineArn();
    } catch (SfnException e) {
      if (expect.has("createError")) {
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(expect.get("createError").asText());
        if (expect.has("messageContains")) {
          assertThat(e.awsErrorDetails().errorMessage())
              .contains(expect.get("messageContains").asText());
        }
        return;
      }
      throw e;
    }
    if (expect.has("createError")) {
      fail("expected CreateStateMachine to fail with %s", expect.get("createError").asText());
    }
    String execution;
    try {
      execution =
          sfn.startExecution(b -> b.stateMachineArn(machine).name(EXECUTION_NAME).input(c.input()))
              .executionArn();
    } catch (SfnException e) {
      if (expect.has("startError")) {
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(expect.get("startError").asText());
        return;
      }
      throw e;
    }
    if (expect.has("startError")) {
      fail("expected StartExecution to fail with %s", expect.get("startError").asText());
    }
    engine.awaitExecution(execution, Duration.ofSeconds(30));
    DescribeExecutionResponse done = sfn.describeExecution(b -> b.executionArn(execution));

    assertThat(done.statusAsString()).as("status").isEqualTo(expect.get("status").asText());
    if (expect.has("output")) {
      assertThat(JSON.readTree(done.output())).as("output").isEqualTo(expect.get("output"));
    }
    if (expect.has("error")) {
      assertThat(done.error()).as("error").isEqualTo(expect.get("error").asText());
    }
    if (expect.has("causeContains")) {
      assertThat(done.cause()).as("cause").contains(expect.get("causeContains").asText());
    }
    if (expect.has("cause")) {
      assertThat(done.cause()).as("cause").isEqualTo(expect.get("cause").asText());
    }
    if (expect.has("historyTypes")) {
      List<String> expected = new ArrayList<>();
      expect.get("historyTypes").forEach(t -> expected.add(t.asText()));
      // paged by 7 so that multi-page histories go through nextToken
      assertThat(
              sfn
                  .getExecutionHistoryPaginator(b -> b.executionArn(execution).maxResults(7))
                  .events()
                  .stream()
                  .map(HistoryEvent::typeAsString)
                  .toList())
          .as("history")
          .isEqualTo(expected);
    }
    if (expect.has("mapRun")) {
      MapRunExpectation.check(sfn, execution, expect.get("mapRun"));
    }
    if (expect.has("virtualSecondsElapsed")) {
      double elapsed =
          java.time.Duration.between(done.startDate(), done.stopDate()).toMillis() / 1000.0;
      assertThat(elapsed)
          .as("virtual seconds elapsed")
          .isCloseTo(
              expect.get("virtualSecondsElapsed").asDouble(),
              org.assertj.core.data.Offset.offset(0.001));
    }
  }
}
