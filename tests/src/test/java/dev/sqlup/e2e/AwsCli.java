package dev.sqlup.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The AWS CLI v2 from Debian ({@code /usr/bin/aws}) against a local endpoint, with dummy
 * credentials.
 */
final class AwsCli {
  static final Path EXECUTABLE = Path.of("/usr/bin/aws");
  private static final ObjectMapper JSON = new ObjectMapper();

  private AwsCli() {}

  static boolean installed() {
    return Files.isExecutable(EXECUTABLE);
  }

  /**
   * Runs {@code aws --endpoint-url <endpoint> <args> --output json}; the parsed stdout. Fails on a
   * non-zero exit.
   */
  static JsonNode run(URI endpoint, String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of(EXECUTABLE.toString(), "--endpoint-url", endpoint.toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("--output", "json"));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("AWS_ACCESS_KEY_ID", "x");
    builder.environment().put("AWS_SECRET_ACCESS_KEY", "x");
    builder.environment().put("AWS_DEFAULT_REGION", "us-east-1");
    builder.environment().put("AWS_PAGER", "");
    builder.environment().put("AWS_CONFIG_FILE", "/dev/null");
    builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    Path err = Files.createTempFile("aws-cli-", ".err");
    Process p = builder.redirectError(err.toFile()).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("aws " + String.join(" ", args) + " did not finish in 60 s");
    }
    String stderr = Files.readString(err);
    Files.deleteIfExists(err);
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          "aws " + String.join(" ", args) + " exited " + p.exitValue() + ": " + stderr);
    }
    String text = new String(out, StandardCharsets.UTF_8);
    return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
  }
}
