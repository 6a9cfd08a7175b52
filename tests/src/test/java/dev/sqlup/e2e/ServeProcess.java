package dev.sqlup.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code sqlup serve} as a separate JVM, as a user runs it: the test JVM's class path, the
 * repository's template.yaml, its log (stderr) in a file. Reads the endpoints and dynalite's pid
 * from the log.
 */
final class ServeProcess implements AutoCloseable {
  private static final Pattern READY =
      Pattern.compile("sqlup serve: ready on (http://127\\.0\\.0\\.1:\\d+)");
  private static final Pattern DYNALITE =
      Pattern.compile("DynamoDB: dynalite (http://127\\.0\\.0\\.1:\\d+) \\(pid (\\d+)");
  private static final Pattern SFN =
      Pattern.compile("Step Functions API: (http://127\\.0\\.0\\.1:\\d+)");

  final Process process;
  final Path log;
  URI api;
  URI dynamoDb;
  URI stepFunctions;
  long dynalitePid;

  private ServeProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code sqlup <args>} in a new JVM with the given extra environment; does not wait. */
  static ServeProcess launch(Path workDir, Map<String, String> environment, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                javaExecutable(),
                "-XX:TieredStopAtLevel=1",
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.sqlup.local.cli.SqlupCli"));
    command.addAll(List.of(args));
    try {
      Path log = Files.createTempFile("sqlup-serve-", ".log");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().putAll(environment);
      return new ServeProcess(builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code serve} with the repository's template, every port free (0), and this clock. */
  static ServeProcess serve(Path root, String clock, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "serve",
                "--template",
                root.resolve("template.yaml").toString(),
                "--api-port",
                "0",
                "--dynamodb-port",
                "0",
                "--sfn-port",
                "0",
                "--clock",
                clock));
    args.addAll(List.of(extra));
    ServeProcess serve = launch(root, Map.of(), args.toArray(String[]::new));
    serve.awaitReady(Duration.ofSeconds(45));
    return serve;
  }

  /**
   * {@code java -jar JAR serve} on fixed ports with a virtual clock and a data directory, as the
   * crash-resume tests need it: a restart after SIGKILL comes back at the same addresses on the
   * same data. Its log is a new file in the data directory; waits for the ready line.
   */
  static Process serveJarOnData(
      Path jar, Path root, Path data, int api, int dynamo, int sfn, Duration timeout)
      throws IOException, InterruptedException {
    Path log = data.resolve("serve-" + System.nanoTime() + ".log");
    Process p =
        new ProcessBuilder(
                javaExecutable(),
                "-jar",
                jar.toString(),
                "serve",
                "--template",
                root.resolve("template.yaml").toString(),
                "--api-port",
                "" + api,
                "--dynamodb-port",
                "" + dynamo,
                "--sfn-port",
                "" + sfn,
                "--clock",
                "virtual",
                "--data-dir",
                data.toString())
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("serve exited: " + Files.readString(log));
      }
      if (Files.readString(log).contains("sqlup serve: ready")) {
        return p;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("serve did not start: " + Files.readString(log));
  }

  /** Waits for the ready line and reads the endpoints from the log. */
  void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String text = log();
      Matcher ready = READY.matcher(text);
      if (ready.find()) {
        api = URI.create(ready.group(1));
        Matcher d = DYNALITE.matcher(text);
        if (d.find()) {
          dynamoDb = URI.create(d.group(1));
          dynalitePid = Long.parseLong(d.group(2));
        }
        Matcher s = SFN.matcher(text);
        if (s.find()) {
          stepFunctions = URI.create(s.group(1));
        }
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("serve exited with " + process.exitValue() + ":\n" + text);
      }
      sleep(50);
    }
    throw new IllegalStateException("serve not ready within " + timeout + ":\n" + log());
  }

  String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for the process to end; its exit code, or -1 when it did not end in time. */
  int awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** Waits until the pid is gone; whether it is. */
  static boolean awaitGone(long pid, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (alive(pid) && System.nanoTime() < deadline) {
      sleep(50);
    }
    return !alive(pid);
  }

  /** Whether a server socket can bind this loopback port now. */
  static boolean portFree(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true); // as a server would: TIME_WAIT connections do not hold a port
      s.bind(new InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** PATH without any folder holding a `node` executable (a machine without Node.js). */
  static String pathWithoutNode() {
    List<String> kept = new ArrayList<>();
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && !Files.isExecutable(Path.of(dir, "node"))) {
        kept.add(dir);
      }
    }
    return String.join(File.pathSeparator, kept);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      awaitExit(Duration.ofSeconds(10));
    }
    if (dynalitePid > 0) {
      ProcessHandle.of(dynalitePid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }
}
