package dev.sqlup.local.asl.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.asl.choice.ChoiceRule;
import dev.sqlup.local.asl.model.StatesError;
import dev.sqlup.local.asl.payload.PayloadTemplate;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs this library's conformance cases (asl-conformance/intrinsics, choice, paths) with a minimal
 * Pass/Choice/Succeed/Fail walker, so they are exercised on this branch. The engine's
 * AslConformanceTest runs the same files through the real interpreter.
 */
class DataFlowConformanceTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<String> TOPICS = List.of("intrinsics", "choice", "paths");

  static Stream<Arguments> cases() throws IOException, URISyntaxException {
    Path root = Path.of(DataFlowConformanceTest.class.getResource("/asl-conformance").toURI());
    List<Arguments> cases = new ArrayList<>();
    for (String topic : TOPICS) {
      try (Stream<Path> files = Files.list(root.resolve(topic))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
          cases.add(Arguments.of(topic + "/" + file.getFileName(), MAPPER.readTree(file.toFile())));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void conforms(String name, JsonNode testCase) {
    assertThat(testCase.path("doc").asText()).as("doc").startsWith("https://");
    assertThat(testCase.path("description").asText()).as("description").isNotBlank();
    JsonNode expect = testCase.get("expect");
    Machine machine;
    try {
      machine = Machine.load(testCase.get("definition"));
    } catch (IllegalArgumentException e) {
      if (!expect.has("createError")) {
        throw e;
      }
      assertThat(e.getMessage()).contains(expect.get("messageContains").asText());
      return;
    }
    if (expect.has("createError")) {
      fail(
          "expected an invalid definition containing '%s'", expect.get("messageContains").asText());
    }
    JsonNode input = testCase.get("input");
    String expectedStatus = expect.get("status").asText();
    try {
      JsonNode output = machine.run(input);
      assertThat("SUCCEEDED").as("status").isEqualTo(expectedStatus);
      assertThat(output).isEqualTo(expect.get("output"));
    } catch (StatesError e) {
      assertThat("FAILED").as("status, failed with " + e.getMessage()).isEqualTo(expectedStatus);
      assertThat(e.error()).isEqualTo(expect.get("error").asText());
      if (expect.has("causeContains")) {
        assertThat(e.causeText()).contains(expect.get("causeContains").asText());
      }
    }
  }

  /** Just enough of an interpreter for data-flow cases: Pass, Choice, Succeed and Fail. */
  private record Machine(
      String startAt, Map<String, JsonNode> states, Map<String, Object> compiled) {
    static Machine load(JsonNode definition) {
      Map<String, JsonNode> states = new HashMap<>();
      Map<String, Object> compiled = new HashMap<>();
      definition
          .get("States")
          .fields()
          .forEachRemaining(
              e -> {
                JsonNode state = e.getValue();
                states.put(e.getKey(), state);
                if (state.has("Parameters")) {
                  compiled.put(e.getKey(), PayloadTemplate.compile(state.get("Parameters")));
                }
                if (state.has("Choices")) {
                  List<ChoiceRule> rules = new ArrayList<>();
                  state.get("Choices").forEach(rule -> rules.add(ChoiceRule.compile(rule)));
                  compiled.put(e.getKey(), rules);
                }
                JsonNode resultPath = state.get("ResultPath");
                if (resultPath != null
                    && !resultPath.isNull()
                    && !JsonPaths.isValidReferencePath(resultPath.asText())) {
                  throw new IllegalArgumentException(
                      "ResultPath must be a reference path: " + resultPath);
                }
                for (String field : List.of("InputPath", "OutputPath")) {
                  JsonNode path = state.get(field);
                  if (path != null && !path.isNull() && !JsonPaths.isValidPath(path.asText())) {
                    throw new IllegalArgumentException(field + " is not a valid path: " + path);
                  }
                }
              });
      return new Machine(definition.get("StartAt").asText(), states, compiled);
    }

    @SuppressWarnings("unchecked")
    JsonNode run(JsonNode executionInput) {
      String name = startAt;
      JsonNode data = executionInput;
      for (int step = 0; step < 100; step++) {
        JsonNode state = states.get(name);
        ObjectNode context = MAPPER.createObjectNode();
        context.putObject("Execution").set("Input", executionInput);
        context.putObject("State").put("Name", name);
        String type = state.get("Type").asText();
        if (type.equals("Fail")) {
          throw new StatesError(state.path("Error").asText(), state.path("Cause").asText());
        }
        JsonNode effective = path(state, "InputPath", data);
        JsonNode output;
        String next = state.path("Next").asText(null);
        switch (type) {
          case "Pass" -> {
            JsonNode parameters =
                compiled.containsKey(name)
                    ? ((PayloadTemplate) compiled.get(name)).evaluate(effective, context)
                    : effective;
            JsonNode result = state.has("Result") ? state.get("Result") : parameters;
            String resultPath =
                state.has("ResultPath") ? state.get("ResultPath").asText(null) : "$";
            output = JsonPaths.applyResultPath(resultPath, effective, result);
          }
          case "Choice" -> {
            output = effective;
            next = null;
            List<ChoiceRule> rules = (List<ChoiceRule>) compiled.get(name);
            for (int i = 0; i < rules.size(); i++) {
              if (rules.get(i).matches(effective, context)) {
                next = state.get("Choices").get(i).get("Next").asText();
                break;
              }
            }
            if (next == null) {
              next = state.path("Default").asText(null);
              if (next == null) {
                throw new StatesError("States.NoChoiceMatched", "No Choice Rule matched");
              }
            }
          }
          case "Succeed" -> output = effective;
          default -> throw new IllegalArgumentException("unsupported state type " + type);
        }
        data = path(state, "OutputPath", output);
        if (type.equals("Succeed") || state.path("End").asBoolean(false)) {
          return data;
        }
        name = next;
      }
      throw new IllegalStateException("more than 100 transitions");
    }

    private static JsonNode path(JsonNode state, String field, JsonNode data) {
      if (!state.has(field)) {
        return data;
      }
      JsonNode path = state.get(field);
      return path.isNull() ? MAPPER.createObjectNode() : JsonPaths.read(field, path.asText(), data);
    }
  }
}
