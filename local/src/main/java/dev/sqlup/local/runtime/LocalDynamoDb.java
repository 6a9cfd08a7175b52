package dev.sqlup.local.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * dynalite (the local DynamoDB, npm) for {@code serve}: one node process on loopback, in memory or
 * persisted under {@code <dataDir>/dynamodb}.
 *
 * <p>node runs a small guard script ({@code dynalite-guard.js}) that hosts dynalite in the same
 * process and exits when its stdin — a pipe from this JVM — closes or its parent changes. So the
 * node process ends with {@link #close()}, with a shutdown hook on Ctrl-C, and also when this JVM
 * is SIGKILLed (the kernel closes the pipe). There is never a second node process to orphan.
 */
public final class LocalDynamoDb implements AutoCloseable {
  public static final int DEFAULT_PORT = 8000;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final int port;
  private final Thread shutdownHook;

  private LocalDynamoDb(Process process, int port) {
    this.process = process;
    this.port = port;
    this.shutdownHook = new Thread(this::stopProcess, "dynalite-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts dynalite and waits until it listens.
   *
   * @param projectRoot the folder holding {@code node_modules/dynalite}
   * @param port 0 for any free port
   * @param dataDir null for in-memory; else tables persist under {@code dataDir/dynamodb}
   * @param log receives dynalite's own output lines
   * @throws UserException when node or dynalite is missing, or the port is in use
   */
  public static LocalDynamoDb start(
      Path projectRoot, int port, Path dataDir, Consumer<String> log) {
    return start(projectRoot, port, dataDir, log, "node");
  }

  /**
   * As {@link #start(Path, int, Path, Consumer)} with the node executable to run (tests name a
   * missing one).
   */
  static LocalDynamoDb start(
      Path projectRoot, int port, Path dataDir, Consumer<String> log, String node) {
    Path dynalite = projectRoot.resolve("node_modules/dynalite");
    if (!Files.exists(dynalite.resolve("index.js"))) {
      throw new UserException(
          "dynalite is not installed in "
              + projectRoot
              + ": run `npm ci --no-audit --no-fund` there (needs Node.js 20+ and npm)");
    }
    if (port != 0 && !portFree(port)) {
      throw new UserException(
          "port " + port + " is in use: stop what is using it or pass --dynamodb-port <port>");
    }
    String dataPath = "";
    if (dataDir != null) {
      try {
        Path dir = Files.createDirectories(dataDir.resolve("dynamodb"));
        dataPath = dir.toAbsolutePath().toString();
      } catch (IOException e) {
        throw new UserException(
            "cannot create the data directory " + dataDir + ": " + e.getMessage());
      }
    }
    String guard;
    try (InputStream in = LocalDynamoDb.class.getResourceAsStream("dynalite-guard.js")) {
      guard = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Process process;
    try {
      process =
          new ProcessBuilder(
                  node,
                  "-e",
                  guard,
                  dynalite.toAbsolutePath().toString(),
                  "127.0.0.1",
                  String.valueOf(port),
                  dataPath,
                  "0")
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      throw new UserException(
          "cannot run node ("
              + e.getMessage().lines().findFirst().orElse("")
              + "): install Node.js 20+ and put `node` on PATH");
    }
    CompletableFuture<Integer> listening = new CompletableFuture<>();
    Thread reader = new Thread(() -> pump(process, listening, log), "dynalite-output");
    reader.setDaemon(true);
    reader.start();
    int actualPort;
    try {
      actualPort = listening.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      process.destroyForcibly();
      throw e.getCause() instanceof UserException u ? u : new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      process.destroyForcibly();
      throw new UserException("dynalite did not start within " + START_TIMEOUT.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException(e);
    }
    return new LocalDynamoDb(process, actualPort);
  }

  private static void pump(
      Process process, CompletableFuture<Integer> listening, Consumer<String> log) {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      List<String> early = new ArrayList<>();
      while ((line = out.readLine()) != null) {
        if (line.startsWith("SQLUP_LISTENING ")) {
          listening.complete(Integer.parseInt(line.substring("SQLUP_LISTENING ".length()).trim()));
        } else if (line.startsWith("SQLUP_ERROR ")) {
          String detail = line.substring("SQLUP_ERROR ".length());
          listening.completeExceptionally(
              new UserException(
                  detail.startsWith("EADDRINUSE")
                      ? "the DynamoDB port is in use: stop what is using it or pass --dynamodb-port <port>"
                      : "dynalite failed to start: " + detail));
        } else {
          if (!listening.isDone()) {
            early.add(line);
          }
          log.accept("dynalite: " + line);
        }
      }
      listening.completeExceptionally(
          new UserException(
              "dynalite exited before listening"
                  + (early.isEmpty() ? "" : ": " + early.get(early.size() - 1))));
    } catch (IOException e) {
      listening.completeExceptionally(e);
    }
  }

  private static boolean portFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public int port() {
    return port;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** The node process's pid (tests check it is gone after the JVM dies). */
  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** A client for {@code endpoint}: dummy credentials on loopback, the default chain elsewhere. */
  public static DynamoDbClient client(URI endpoint) {
    boolean loopback = isLoopback(endpoint);
    AwsCredentialsProvider credentials =
        loopback
            ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
            : DefaultCredentialsProvider.builder().build();
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(System.getenv().getOrDefault("AWS_REGION", TemplateResolver.REGION)))
        .credentialsProvider(credentials)
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }

  static boolean isLoopback(URI uri) {
    String host = uri.getHost();
    return host != null
        && (host.equals("localhost")
            || host.startsWith("127.")
            || host.equals("[::1]")
            || host.equals("::1"));
  }

  /**
   * Creates every table that does not exist yet and waits until each is ACTIVE (100 ms fixed
   * backoff, not the SDK's 20 s default). Returns the names it created.
   */
  public static List<String> createTables(DynamoDbClient client, List<SamTable> tables) {
    List<String> created = new ArrayList<>();
    for (SamTable table : tables) {
      try {
        client.describeTable(b -> b.tableName(table.tableName()));
      } catch (ResourceNotFoundException missing) {
        client.createTable(table.createTableRequest());
        created.add(table.tableName());
      }
    }
    try (DynamoDbWaiter waiter =
        DynamoDbWaiter.builder()
            .client(client)
            .overrideConfiguration(
                WaiterOverrideConfiguration.builder()
                    .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(100)))
                    .maxAttempts(600)
                    .build())
            .build()) {
      for (String name : created) {
        waiter.waitUntilTableExists(b -> b.tableName(name));
      }
    }
    return created;
  }

  private void stopProcess() {
    try {
      process.getOutputStream().close(); // the guard exits when its stdin closes
    } catch (IOException ignored) {
      // already closed: fall through to the signals below
    }
    try {
      if (!process.waitFor(3, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(2, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stopProcess();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run
    }
  }
}
