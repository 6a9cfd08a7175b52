package dev.sqlup.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The local DynamoDB for tests: one dynalite process (npm, pinned in package.json) per JVM on a
 * free loopback port, or the endpoint in {@code SQLUP_DYNAMODB_ENDPOINT} when that is set
 * (LocalStack, AWS). Tests talk to it with the real SDK over HTTP: there is no in-memory fake of
 * the store.
 */
public final class Dynalite {
  public static final String ENDPOINT_VARIABLE = "SQLUP_DYNAMODB_ENDPOINT";

  /** What dynalite prints (dropped requests, errors), for a failed build to show. */
  private static final Path LOG = Path.of("target", "dynalite.log").toAbsolutePath();

  private static final String GUARD =
      "local/src/main/resources/dev/sqlup/local/runtime/dynalite-guard.js";

  private static URI endpoint;
  private static Process process;

  private Dynalite() {}

  /** The endpoint of the shared instance, starting dynalite on first use. */
  public static synchronized URI endpoint() {
    if (endpoint == null) {
      String external = System.getenv(ENDPOINT_VARIABLE);
      endpoint = external != null && !external.isBlank() ? URI.create(external) : start();
    }
    return endpoint;
  }

  /** A client with dummy credentials against {@link #endpoint()}. */
  public static DynamoDbClient client() {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }

  /** The repository root: the nearest parent of the working directory holding package.json. */
  public static Path projectRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("package.json"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "package.json not found above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  private static URI start() {
    Path dynalite = projectRoot().resolve("node_modules/dynalite");
    if (!Files.exists(dynalite.resolve("cli.js"))) {
      throw new IllegalStateException(
          "dynalite is not installed: run `npm ci` in "
              + projectRoot()
              + " (the Maven build does it)");
    }
    int port = freePort();
    try {
      Files.createDirectories(LOG.getParent());
      // The runtime's guard: dynalite survives clients that drop a request mid-way (a plain
      // dynalite
      // process dies on the first one, taking every later test down), and exits with this JVM.
      String guard = Files.readString(projectRoot().resolve(GUARD));
      process =
          new ProcessBuilder(
                  "node",
                  "-e",
                  guard,
                  dynalite.toString(),
                  "127.0.0.1",
                  String.valueOf(port),
                  "",
                  "0")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(LOG.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start node (Node.js 20+ must be on PATH)", e);
    }
    Process started = process;
    Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
    awaitListening(port, Duration.ofSeconds(20));
    return URI.create("http://127.0.0.1:" + port);
  }

  private static void awaitListening(int port, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "dynalite exited with code " + process.exitValue() + ": see " + LOG);
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(25);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
    throw new IllegalStateException(
        "dynalite did not listen on port " + port + " within " + timeout);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
