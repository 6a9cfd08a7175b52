package dev.sqlup.proof.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.testing.Dynalite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 17: the Retry and Catch blocks copied into the state machines' Task states agree with one
 * table.
 */
class RetryPolicyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path MACHINES = Dynalite.projectRoot().resolve("statemachine");

  private final RetryPolicies policies =
      new RetryPolicies(read(MACHINES.resolve("retry-policies.json")));

  @TestFactory
  Stream<DynamicTest> everyStateMachine_followsThePolicyTable() throws IOException {
    List<Path> machines;
    try (Stream<Path> files = Files.list(MACHINES)) {
      machines =
          files.filter(p -> p.getFileName().toString().endsWith(".asl.json")).sorted().toList();
    }
    assertThat(machines).isNotEmpty();
    return machines.stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () ->
                        assertThat(policies.problems(file.getFileName().toString(), read(file)))
                            .isEmpty()));
  }

  @Test
  void oneCopyWithAnotherMaxAttempts_isReported() {
    // GIVEN the upgrade machine with one retrier of one phase changed
    JsonNode machine = read(MACHINES.resolve("upgrade.asl.json"));
    ((ObjectNode) machine.at("/States/FullBackup/Retry/1")).put("MaxAttempts", 19);

    // WHEN checked THEN exactly that state is reported
    assertThat(policies.problems("upgrade.asl.json", machine))
        .singleElement()
        .asString()
        .startsWith("FullBackup: Retry differs from policy phase");
  }

  @Test
  void anAnnounceCatchingToAnotherStateThanItsNext_isReported() {
    JsonNode machine = read(MACHINES.resolve("upgrade.asl.json"));
    ((ObjectNode) machine.at("/States/AnnounceStarted/Catch/0")).put("Next", "Compensate");

    assertThat(policies.problems("upgrade.asl.json", machine))
        .singleElement()
        .asString()
        .startsWith("AnnounceStarted: Catch differs from policy announce");
  }

  @Test
  void aTaskStateTheTableDoesNotName_isReported() {
    JsonNode machine = read(MACHINES.resolve("upgrade.asl.json"));
    ObjectNode states = (ObjectNode) machine.get("States");
    states.set("NewPhase", states.get("Precheck").deepCopy());

    assertThat(policies.problems("upgrade.asl.json", machine))
        .singleElement()
        .asString()
        .startsWith("NewPhase: no policy");
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
