package dev.sqlup.local.asl.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Debian AWS CLI v2 ({@code /usr/bin/aws}; a v1 shim may shadow {@code aws} on PATH) run
 * against a local endpoint with dummy credentials.
 */
final class AwsCli {
  static final Path BINARY = Path.of("/usr/bin/aws");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI endpoint;

  AwsCli(URI endpoint) {
    this.endpoint = endpoint;
  }

  static void requireInstalled() {
    // fails rather than skips: CI must not pass while checking less (.ci/run installs the CLI)
    org.assertj.core.api.Assertions.assertThat(BINARY)
        .as("AWS CLI v2 not installed at /usr/bin/aws: apt-get install -y awscli")
        .isExecutable();
  }

  /**
   * Whether this CLI version knows the subcommand (the Debian 2.9 CLI predates some operations).
   */
  boolean knows(String subcommand) throws Exception {
    Result result = run("stepfunctions", subcommand);
    return !result.stderr().contains("Invalid choice");
  }

  /** Runs {@code aws stepfunctions <args> --output json} and parses its stdout. */
  JsonNode stepfunctions(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("stepfunctions"));
    command.addAll(List.of(args));
    Result result = run(command.toArray(String[]::new));
    if (result.exitCode() != 0) {
      throw new CliFailure(result);
    }
    return result.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(result.stdout());
  }

  Result run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(BINARY.toString()));
    command.addAll(List.of(args));
    command.addAll(
        List.of("--endpoint-url", endpoint.toString(), "--output", "json", "--no-cli-pager"));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.put("AWS_ACCESS_KEY_ID", "x");
    env.put("AWS_SECRET_ACCESS_KEY", "x");
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_PAGER", "");
    env.put("AWS_CONFIG_FILE", "/dev/null");
    env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    env.put("PAGER", "cat");
    Path err = Files.createTempFile("aws-cli", ".err");
    Path out = Files.createTempFile("aws-cli", ".out");
    try {
      Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "aws " + String.join(" ", args) + " did not finish in 60 s");
      }
      return new Result(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(err);
      Files.deleteIfExists(out);
    }
  }

  record Result(int exitCode, String stdout, String stderr) {}

  static final class CliFailure extends RuntimeException {
    final Result result;

    CliFailure(Result result) {
      super("aws exited " + result.exitCode() + ": " + result.stderr().strip());
      this.result = result;
    }
  }
}
