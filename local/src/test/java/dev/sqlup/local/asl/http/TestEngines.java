package dev.sqlup.local.asl.http;

import dev.sqlup.local.asl.LocalStepFunctions;
import dev.sqlup.local.asl.model.TaskInvoker;
import java.nio.file.Path;

/**
 * The real engine, configured the ways the HTTP tests and benchmarks need it. Virtual time jumps to
 * the next timer whenever every execution waits, so a Wait or a heartbeat timeout passes at once;
 * tests that must observe an execution RUNNING (stop, list by status, callbacks) use real time
 * instead, and no test waits for real time to pass.
 */
final class TestEngines {
  private TestEngines() {}

  /** Virtual time, in memory. */
  static LocalStepFunctions inMemory() {
    return LocalStepFunctions.builder().inMemory().build();
  }

  /** Real time, in memory: a one-hour Wait stays RUNNING for the whole test. */
  static LocalStepFunctions realTime() {
    return LocalStepFunctions.builder().clockMode("real").inMemory().build();
  }

  /** Real time, in memory, with the given Lambda functions. */
  static LocalStepFunctions realTime(TaskInvoker invoker) {
    return LocalStepFunctions.builder().clockMode("real").inMemory().taskInvoker(invoker).build();
  }

  static LocalStepFunctions durable(Path directory) {
    return LocalStepFunctions.builder().directory(directory).build();
  }
}
