package dev.sqlup.local.asl.http;

import dev.sqlup.local.asl.LocalStepFunctions;
import dev.sqlup.local.asl.LocalStepFunctionsBuilder;
import dev.sqlup.local.asl.StepFunctions;
import dev.sqlup.local.asl.model.ExecutionInfo;
import dev.sqlup.local.asl.model.ExecutionStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Transitions per second of the engine on {@code bench/chain20.asl.json} (the peer benchmark's
 * definition: 20 Pass/Choice states, then Succeed), executions run one after another on one caller
 * thread, counted as the peer counts them: 20 transitions per execution.
 *
 * <p>Each round also reports where the process CPU went ({@code cpuMillis}: the engine's and the
 * caller's threads, garbage collection, the JIT compilers; see {@link ThreadCpu}).
 *
 * <p>Usage: {@code EngineThroughputBench <memory|durable> [executions=5000] [rounds=5]
 * [clock=virtual|real]}. Run with {@code mvn -B -o -Pbench -pl local -am verify -DskipTests} (see
 * docs/BENCHMARKS.md).
 */
public final class EngineThroughputBench {
  static final int TRANSITIONS_PER_EXECUTION = 20;

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "memory";
    int executions = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    String clock = args.length > 3 ? args[3] : "virtual";
    String definition = resource("bench/chain20.asl.json");
    // A fresh engine per round: the engine keeps the last 10,000 finished executions and their
    // history
    // (retainFinishedExecutions), so one engine over all rounds would measure a growing heap.
    runRound(mode, clock, definition, executions); // warm-up, not reported
    for (int round = 1; round <= rounds; round++) {
      Round result = runRound(mode, clock, definition, executions);
      double seconds = result.nanos / 1e9;
      System.out.printf(
          "{\"engine\":\"sqlup\",\"mode\":\"%s\",\"clock\":\"%s\",\"round\":%d,\"executions\":%d,"
              + "\"statesPerExecution\":%d,\"seconds\":%.3f,\"processCpuSeconds\":%.3f,\"transitionsPerSecond\":%d%s}%n",
          mode,
          clock,
          round,
          executions,
          TRANSITIONS_PER_EXECUTION,
          seconds,
          result.cpuNanos / 1e9,
          Math.round(executions * (double) TRANSITIONS_PER_EXECUTION / seconds),
          result.cpuSplit.isEmpty() ? "" : ",\"cpuMillis\":" + ThreadCpu.json(result.cpuSplit));
    }
  }

  private static Round runRound(String mode, String clock, String definition, int executions)
      throws IOException {
    Path dir = mode.equals("durable") ? Files.createTempDirectory("sfn-bench") : null;
    LocalStepFunctionsBuilder builder = LocalStepFunctions.builder().clockMode(clock);
    try (StepFunctions engine =
        (dir == null ? builder.inMemory() : builder.directory(dir)).build()) {
      String machine =
          engine
              .createStateMachine("chain20", definition, Definitions.ROLE, "STANDARD")
              .stateMachineArn();
      Map<Long, ThreadCpu.Sample> threadsBefore = ThreadCpu.sample();
      long cpuBefore = processCpuNanos();
      long started = System.nanoTime();
      for (int k = 0; k < executions; k++) {
        ExecutionInfo execution = engine.startExecution(machine, null, "{\"n\":" + k + "}");
        ExecutionInfo done =
            engine.awaitExecution(execution.executionArn(), Duration.ofSeconds(30));
        if (done.status() != ExecutionStatus.SUCCEEDED) {
          throw new IllegalStateException("execution did not succeed: " + done);
        }
      }
      long nanos = System.nanoTime() - started;
      long cpuNanos = processCpuNanos() - cpuBefore;
      return new Round(nanos, cpuNanos, ThreadCpu.split(threadsBefore, ThreadCpu.sample()));
    } finally {
      if (dir != null) {
        try (var files = Files.walk(dir)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  private record Round(long nanos, long cpuNanos, Map<String, Long> cpuSplit) {}

  /**
   * CPU time of the whole JVM (all threads, GC included), to tell work from waiting for hand-offs.
   */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static String resource(String name) throws IOException {
    try (InputStream in = EngineThroughputBench.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
