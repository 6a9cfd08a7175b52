package dev.sqlup.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: the simulated fleet's model ({@code Instance.simulation}) is private configuration of
 * the simulated binding. Nothing in domain/, api/ or workflow/ reads it (the estimate and the
 * prechecks read the discovered inventory), and the layers named in docs/architecture.md keep
 * apart: store and dataplane do not know each other, api and workflow depend on the DataPlane
 * interface, not a binding. A source scan until the hygiene task brings ArchUnit.
 */
class SimulationIsPrivateTest {
  private static final Path MAIN = Path.of("src/main/java/dev/sqlup");

  /** Reading the model: its accessor, its property, or its fields by name. */
  private static final Pattern READS_SIMULATION =
      Pattern.compile(
          "\\.simulation\\(\\)|SourceProfile\\.PROPERTY|InstanceRefs\\.SIMULATION|\"logGbPerHour\"|\"lastFullBackupAt\"");

  @Test
  void domainApiAndWorkflow_neverReadTheSimulationModel() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (String pkg : List.of("domain", "api", "workflow")) {
      offenders.addAll(matching(MAIN.resolve(pkg), READS_SIMULATION));
    }
    assertThat(offenders).isEmpty();
  }

  @Test
  void layers_storeAndDataplaneApart_handlersOnTheDataPlaneInterface() throws IOException {
    assertThat(matching(MAIN.resolve("store"), Pattern.compile("import dev\\.sqlup\\.dataplane")))
        .isEmpty();
    assertThat(matching(MAIN.resolve("dataplane"), Pattern.compile("import dev\\.sqlup\\.store")))
        .isEmpty();
    for (String pkg : List.of("api", "workflow", "domain")) {
      // WorkflowServices builds the workflow's bindings: a composition root like dev.sqlup.config,
      // not a handler.
      assertThat(
              matching(
                  MAIN.resolve(pkg),
                  Pattern.compile("dev\\.sqlup\\.dataplane\\.(sqlserver|simulated)\\.")))
          .as(pkg)
          .allMatch(line -> line.contains("/workflow/WorkflowServices.java:"));
    }
    assertThat(
            matching(
                MAIN.resolve("domain"),
                Pattern.compile("import dev\\.sqlup\\.(store|dataplane|api)")))
        .isEmpty();
  }

  @Test
  void theScanSeesAnOffender() throws IOException {
    Path dir = Files.createTempDirectory("scan");
    Files.writeString(
        dir.resolve("Bad.java"), "class Bad { Object m(Instance i) { return i.simulation(); } }");
    assertThat(matching(dir, READS_SIMULATION)).hasSize(1);
  }

  private static List<String> matching(Path dir, Pattern pattern) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          if (pattern.matcher(lines.get(i)).find()) {
            found.add(f + ":" + (i + 1) + ": " + lines.get(i).strip());
          }
        }
      }
    }
    return found;
  }
}
