package dev.sqlup.local.asl.http;

import dev.sqlup.local.asl.ExecutionInfo;
import dev.sqlup.local.asl.ExecutionStatus;
import dev.sqlup.local.asl.StepFunctions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Transitions per second of the engine on {@code bench/chain20.asl.json} (the peer benchmark's
 * definition: 20 Pass/Choice states, then Succeed), executions run one after another on one caller
 * thread, counted as the peer counts them: 20 transitions per execution.
 *
 * <p>Usage: {@code EngineThroughputBench <memory|durable> [executions=5000] [rounds=5]}. Run with
 * {@code mvn -B -o -Pbench -pl local -am verify -DskipTests} (see docs/BENCHMARKS.md).
 */
public final class EngineThroughputBench {
  static final int TRANSITIONS_PER_EXECUTION = 20;

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "memory";
    int executions = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    String definition = resource("bench/chain20.asl.json");
    Path dir = null;
    StepFunctions engine;
    if (mode.equals("durable")) {
      dir = Files.createTempDirectory("sfn-bench");
      engine = TestEngines.durable(dir);
    } else {
      engine = TestEngines.inMemory();
    }
    try (engine) {
      String machine =
          engine.createStateMachine("chain20", definition, Definitions.ROLE, "STANDARD").stateMachineArn();
      long counter = 0;
      // Warm-up: one round, not reported (the peer warms up with 200 runs in an already-JIT'd Node).
      counter = runRound(engine, machine, executions, counter).counter;
      for (int round = 1; round <= rounds; round++) {
        Round result = runRound(engine, machine, executions, counter);
        counter = result.counter;
        double seconds = result.nanos / 1e9;
        System.out.printf(
            "{\"engine\":\"sqlup\",\"mode\":\"%s\",\"round\":%d,\"executions\":%d,\"statesPerExecution\":%d,"
                + "\"seconds\":%.3f,\"transitionsPerSecond\":%d}%n",
            mode, round, executions, TRANSITIONS_PER_EXECUTION, seconds,
            Math.round(executions * (double) TRANSITIONS_PER_EXECUTION / seconds));
      }
    } finally {
      if (dir != null) {
        try (var files = Files.walk(dir)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  private record Round(long nanos, long counter) {}

  private static Round runRound(StepFunctions engine, String machine, int executions, long counter) {
    long started = System.nanoTime();
    for (int k = 0; k < executions; k++) {
      ExecutionInfo execution = engine.startExecution(machine, null, "{\"n\":" + (counter++) + "}");
      ExecutionInfo done = engine.awaitExecution(execution.executionArn(), Duration.ofSeconds(30));
      if (done.status() != ExecutionStatus.SUCCEEDED) {
        throw new IllegalStateException("execution did not succeed: " + done);
      }
    }
    return new Round(System.nanoTime() - started, counter);
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
