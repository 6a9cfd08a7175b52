package dev.sqlup.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.testing.Dynalite;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * User errors of {@code sqlup serve} / {@code invoke}: one line on stderr saying what is wrong and
 * what to do, exit code 2, no stack trace, and nothing left running.
 */
class ServeBadInputTest {
  private static final Path ROOT = Dynalite.projectRoot();
  private static final String TEMPLATE = ROOT.resolve("template.yaml").toString();

  @ParameterizedTest
  @ValueSource(strings = {"--api-port", "--dynamodb-port", "--sfn-port"})
  void serve_withAPortInUse_exits2_namingThePortAndTheOptionToChangeIt(String option)
      throws IOException {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      List<String> args =
          new java.util.ArrayList<>(
              List.of(
                  "serve",
                  "--template",
                  TEMPLATE,
                  "--clock",
                  "virtual",
                  "--api-port",
                  "0",
                  "--dynamodb-port",
                  "0",
                  "--sfn-port",
                  "0"));
      args.set(args.indexOf(option) + 1, Integer.toString(taken.getLocalPort()));

      Cli r = Cli.run(args.toArray(String[]::new));

      assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
      List<String> errors = r.err().lines().filter(l -> l.startsWith("sqlup:")).toList();
      assertThat(errors)
          .containsExactly(
              "sqlup: port "
                  + taken.getLocalPort()
                  + " is in use: stop what is using it or pass "
                  + option
                  + " <port>");
      assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
      assertThat(r.out()).isEmpty();
    }
  }

  @Test
  void serve_withoutNodeOnPath_exits2_sayingToInstallNode() {
    ServeProcess serve =
        ServeProcess.launch(
            ROOT,
            Map.of("PATH", ServeProcess.pathWithoutNode()),
            "serve",
            "--template",
            TEMPLATE,
            "--api-port",
            "0",
            "--dynamodb-port",
            "0",
            "--sfn-port",
            "0");
    try (serve) {
      assertThat(serve.awaitExit(Duration.ofSeconds(30))).as(serve.log()).isEqualTo(2);
      assertThat(serve.log().lines().toList())
          .singleElement()
          .satisfies(
              line ->
                  assertThat(line)
                      .startsWith("sqlup: cannot run node (")
                      .endsWith("): install Node.js 20+ and put `node` on PATH"));
    }
  }

  @Test
  void serve_withAMissingTemplate_exits2(@TempDir Path dir) {
    Cli r =
        Cli.run(
            "serve",
            "--template",
            dir.resolve("template.yaml").toString(),
            "--api-port",
            "0",
            "--dynamodb-port",
            "0",
            "--sfn-port",
            "0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().lines().toList())
        .singleElement()
        .satisfies(l -> assertThat(l).startsWith("sqlup: ").contains("not found"));
  }

  @Test
  void serve_withAMalformedTemplate_exits2(@TempDir Path dir) throws IOException {
    Path bad = Files.writeString(dir.resolve("template.yaml"), "Resources:\n  Fn: [unclosed\n");
    Cli r =
        Cli.run(
            "serve",
            "--template",
            bad.toString(),
            "--api-port",
            "0",
            "--dynamodb-port",
            "0",
            "--sfn-port",
            "0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().lines().toList())
        .singleElement()
        .satisfies(l -> assertThat(l).startsWith("sqlup: ").contains("is not valid YAML"));
  }

  @Test
  void invoke_anUnknownFunction_exits2_listingTheTemplatesFunctions() {
    Cli r =
        Cli.run(
            "invoke",
            "NoSuchFunction",
            "--template",
            TEMPLATE,
            "--event",
            ROOT.resolve("events/get-task.json").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().lines().toList())
        .singleElement()
        .satisfies(
            l ->
                assertThat(l)
                    .startsWith("sqlup: no function 'NoSuchFunction'")
                    .contains("SubmitUpgradeFunction"));
  }

  @Test
  void invoke_anEventThatIsNotJson_exits2(@TempDir Path dir) throws IOException {
    Path event = Files.writeString(dir.resolve("event.json"), "{\"httpMethod\": GET}\n");
    Cli r =
        Cli.run("invoke", "GetTaskFunction", "--template", TEMPLATE, "--event", event.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().lines().toList())
        .containsExactly(
            "sqlup: event file "
                + event
                + " is not JSON (line 1, column 16): fix it and run again");
  }
}
