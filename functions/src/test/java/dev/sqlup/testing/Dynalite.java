package dev.sqlup.testing;

import java.io.File;
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
 * The local DynamoDB for tests: one dynalite process (npm, pinned in package.json) per JVM on a free
 * loopback port, or the endpoint in {@code SQLUP_DYNAMODB_ENDPOINT} when that is set (LocalStack, AWS).
 * Tests talk to it with the real SDK over HTTP: there is no in-memory fake of the store.
 */
public final class Dynalite {
  public static final String ENDPOINT_VARIABLE = "SQLUP_DYNAMODB_ENDPOINT";

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
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
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
      throw new IllegalStateException("package.json not found above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  private static URI start() {
    Path cli = projectRoot().resolve("node_modules/dynalite/cli.js");
    if (!Files.exists(cli)) {
      throw new IllegalStateException(
          "dynalite is not installed: run `npm ci` in " + projectRoot() + " (the Maven build does it)");
    }
    int port = freePort();
    try {
      process = new ProcessBuilder("node", cli.toString(), "--port", String.valueOf(port), "--host", "127.0.0.1",
              "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0")
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.to(new File("/dev/null")))
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
        throw new IllegalStateException("dynalite exited with code " + process.exitValue());
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
    throw new IllegalStateException("dynalite did not listen on port " + port + " within " + timeout);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
