package dev.sqlup.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.testing.Dynalite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar as a separate process: runs in the integration-test phase, after the jar is
 * packaged.
 */
class ShadedJarIT {

  private record Run(int exit, String out, String err) {}

  private static Run java(String... args) throws Exception {
    Path jar = Dynalite.projectRoot().resolve("local/target/sqlup-local.jar");
    // runs in the integration-test phase, after package: a missing jar is a build fault, not a skip
    assertThat(jar).as("local/target/sqlup-local.jar (mvn -pl local package)").exists();
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"), "-jar", jar.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(
        p.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  @Test
  void jar_runsTheCli() throws Exception {
    Run help = java("--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out())
        .contains("serve")
        .contains("invoke")
        .contains("graph")
        .contains("upgrade");

    Run graph = java("graph", TestFiles.path("/runtime/statemachine/upgrade.asl.json"));
    assertThat(graph.exit()).as(graph.err()).isZero();
    assertThat(graph.out()).startsWith("flowchart TD");

    Run unknown = java("invoke", "Nope", "--template", TestFiles.template());
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err().lines())
        .singleElement()
        .satisfies(l -> assertThat(l).startsWith("sqlup: no function 'Nope'"));
  }
}
