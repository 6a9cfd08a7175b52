package dev.sqlup.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.testing.Dynalite;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: the README's "Run it locally" commands work when pasted line by line into a shell. They
 * run as written, one after another in one bash session that stops at the first failing line, in a
 * folder that looks like the repository (template, state machine, events, node_modules linked)
 * whose {@code ./sqlup} runs this build's CLI (the real script would first build the jar with
 * Maven); free ports come in through the {@code SQLUP_*} variables the README names, so the test
 * does not collide with a {@code serve} already running on the defaults.
 */
class ReadmeRunItLocallyTest {
  static final Path ROOT = Dynalite.projectRoot();

  @Test
  void runItLocally_worksAsWritten_lineByLine() throws Exception {
    List<String> lines = readmeBlock();
    assertThat(lines)
        .anyMatch(l -> l.startsWith("./sqlup serve"))
        .anyMatch(l -> l.startsWith("kill"));
    Path dir = Files.createTempDirectory("sqlup-readme-");
    for (String linked : List.of("template.yaml", "statemachine", "events", "node_modules")) {
      Files.createSymbolicLink(dir.resolve(linked), ROOT.resolve(linked));
    }
    Path shim = dir.resolve("sqlup");
    Files.writeString(
        shim,
        "#!/bin/sh\nexec '"
            + Path.of(System.getProperty("java.home"), "bin", "java")
            + "' -XX:TieredStopAtLevel=1 -Xmx512m -cp '"
            + System.getProperty("java.class.path")
            + "' dev.sqlup.local.cli.SqlupCli \"$@\"\n");
    Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path script = dir.resolve("readme.sh");
    // As pasted: each line in the same shell; the first failing line ends the run with its status.
    List<String> body = new ArrayList<>(List.of("set -e"));
    for (String line : lines) {
      body.add("echo '+++ " + line.replace("'", "'\\''") + "'");
      body.add(line);
    }
    Files.write(script, body);
    int api = freePort();
    int dynamo = freePort();
    int sfn = freePort();
    ProcessBuilder builder =
        new ProcessBuilder("bash", script.toString())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("out.log").toFile());
    builder.environment().put("SQLUP_API_PORT", Integer.toString(api));
    builder.environment().put("SQLUP_DYNAMODB_PORT", Integer.toString(dynamo));
    builder.environment().put("SQLUP_SFN_PORT", Integer.toString(sfn));
    builder.environment().put("SQLUP_API_URL", "http://127.0.0.1:" + api);
    builder.environment().put("SQLUP_DYNAMODB_ENDPOINT", "http://127.0.0.1:" + dynamo);
    builder.environment().put("SQLUP_SFN_ENDPOINT", "http://127.0.0.1:" + sfn);
    Process run = builder.start();
    boolean ended = run.waitFor(5, TimeUnit.MINUTES);
    if (!ended) {
      run.descendants().forEach(ProcessHandle::destroy);
      run.destroy();
    }
    String out = Files.readString(dir.resolve("out.log"));
    System.out.println(out);
    assertThat(ended).as(out).isTrue();
    assertThat(run.exitValue()).as(out).isZero();
    assertThat(out)
        .contains("rm-guide-1")
        .contains("upgradable: true")
        .contains("Succeeded")
        .contains("switch time history: none");
    assertThat(dir.resolve("upgrade.svg")).exists();
  }

  /** The code block under "## Run it locally", without blank lines. */
  static List<String> readmeBlock() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    String section = readme.substring(readme.indexOf("## Run it locally"));
    int start = section.indexOf("```\n") + 4;
    String block = section.substring(start, section.indexOf("\n```", start));
    return block.lines().filter(l -> !l.isBlank()).toList();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
