package dev.sqlup.local.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.asl.model.HistoryEvent;
import dev.sqlup.local.asl.model.StateMachineInfo;
import dev.sqlup.local.asl.model.StepFunctionsException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every case under {@code asl-conformance/<topic>/<case>.json} through the engine: create the
 * machines the case names under {@code machines}, then its machine (or expect createError), start
 * it with the input, await it under virtual time, and compare status, output, error, cause, history
 * event types and virtual time elapsed.
 */
class AslConformanceTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  static final Instant VIRTUAL_START = Instant.parse("2026-01-01T00:00:00Z");

  static Stream<Arguments> cases() throws IOException, URISyntaxException {
    Path root = Path.of(AslConformanceTest.class.getResource("/asl-conformance").toURI());
    List<Arguments> cases = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        cases.add(Arguments.of(root.relativize(file).toString(), MAPPER.readTree(file.toFile())));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void conforms(String name, JsonNode testCase) throws Exception {
    try {
      check(testCase);
    } catch (AssertionError e) {
      // surefire reports parameterised cases by index: name the case
      throw new AssertionError(name + ": " + e.getMessage(), e);
    }
  }

  private static void check(JsonNode testCase) throws Exception {
    assertThat(testCase.path("doc").asText()).as("doc").startsWith("https://");
    assertThat(testCase.path("description").asText()).as("description").isNotBlank();
    JsonNode expect = testCase.get("expect");
    ConformanceFunctions functions = new ConformanceFunctions();
    try (LocalStepFunctions engine =
        LocalStepFunctions.builder().virtualStart(VIRTUAL_START).taskInvoker(functions).build()) {
      functions.bind(engine);
      // other machines the case's machine starts (states:startExecution): created first, by name
      var others = testCase.path("machines").fields();
      while (others.hasNext()) {
        var other = others.next();
        engine.createStateMachine(
            other.getKey(),
            MAPPER.writeValueAsString(other.getValue()),
            "arn:aws:iam::123456789012:role/CaseRole",
            "STANDARD");
      }
      String definition = MAPPER.writeValueAsString(testCase.get("definition"));
      if (expect.has("createError")) {
        assertThatThrownBy(() -> engine.createStateMachine("Case", definition, null, "STANDARD"))
            .isInstanceOfSatisfying(
                StepFunctionsException.class,
                e -> {
                  assertThat(e.errorCode()).isEqualTo(expect.get("createError").asText());
                  if (expect.has("messageContains")) {
                    assertThat(e.getMessage()).contains(expect.get("messageContains").asText());
                  }
                });
        return;
      }
      StateMachineInfo machine =
          engine.createStateMachine(
              "Case", definition, "arn:aws:iam::123456789012:role/CaseRole", "STANDARD");
      String input =
          testCase.has("inputText")
              ? testCase.get("inputText").asText()
              : MAPPER.writeValueAsString(
                  testCase.has("input") ? testCase.get("input") : MAPPER.createObjectNode());
      if (expect.has("startError")) {
        assertThatThrownBy(() -> engine.startExecution(machine.stateMachineArn(), "run", input))
            .isInstanceOfSatisfying(
                StepFunctionsException.class,
                e -> assertThat(e.errorCode()).isEqualTo(expect.get("startError").asText()));
        return;
      }
      ExecutionInfo started = engine.startExecution(machine.stateMachineArn(), "run", input);
      ExecutionInfo done = engine.awaitExecution(started.executionArn(), Duration.ofSeconds(20));
      List<HistoryEvent> history = engine.getExecutionHistory(started.executionArn());
      String trace =
          history.stream()
              .map(e -> e.type() + (e.details() == null ? "" : " " + e.details()))
              .reduce("", (a, b) -> a + "\n  " + b);
      assertThat(done.status().name())
          .as("status; history:" + trace)
          .isEqualTo(expect.get("status").asText());
      if (expect.has("output")) {
        assertThat(MAPPER.readTree(done.output())).as("output").isEqualTo(expect.get("output"));
      }
      if (expect.has("error")) {
        assertThat(done.error())
            .as("error; cause " + done.cause())
            .isEqualTo(expect.get("error").asText());
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
        assertThat(history.stream().map(HistoryEvent::type).toList())
            .as("history")
            .isEqualTo(expected);
      }
      if (expect.has("mapRun")) {
        dev.sqlup.local.asl.http.MapRunExpectation.check(
            engine, started.executionArn(), expect.get("mapRun"));
      }
      if (expect.has("virtualSecondsElapsed")) {
        double elapsed = Duration.between(done.startDate(), done.stopDate()).toMillis() / 1000.0;
        assertThat(elapsed)
            .as("virtual seconds elapsed")
            .isCloseTo(
                expect.get("virtualSecondsElapsed").asDouble(),
                org.assertj.core.data.Offset.offset(0.001));
      }
    }
  }
}
