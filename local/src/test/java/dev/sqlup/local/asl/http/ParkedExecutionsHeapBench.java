package dev.sqlup.local.asl.http;

import dev.sqlup.local.asl.StepFunctions;
import dev.sqlup.local.asl.model.ExecutionStatus;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Used heap after GC with {@code N} executions parked in a one-hour Wait state (goal: 10,000 in at
 * most 512 MB). Usage: {@code ParkedExecutionsHeapBench [executions=10000]}; run it with {@code
 * -Xmx512m} so that "fits" is proven, not extrapolated.
 */
public final class ParkedExecutionsHeapBench {
  public static void main(String[] args) throws Exception {
    int executions = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    // Real time, so the one-hour Wait really holds them; every execution admitted at once (the
    // engine
    // queues those beyond maxConcurrentExecutions, and a queued one is not parked in the Wait
    // state).
    try (StepFunctions engine =
        dev.sqlup.local.asl.LocalStepFunctions.builder()
            .clockMode("real")
            .inMemory()
            .maxConcurrentExecutions(executions)
            .build()) {
      String machine =
          engine
              .createStateMachine("parked", Definitions.WAIT_HOUR, Definitions.ROLE, "STANDARD")
              .stateMachineArn();
      long baseline = usedAfterGc(memory);
      List<String> arns = new ArrayList<>(executions);
      long started = System.nanoTime();
      for (int i = 0; i < executions; i++) {
        arns.add(
            engine
                .startExecution(
                    machine,
                    "parked-" + i,
                    "{\"instanceId\":\"db-" + i + "\",\"pad\":\"" + "x".repeat(64) + "\"}")
                .executionArn());
      }
      double startSeconds = (System.nanoTime() - started) / 1e9;
      // Every execution must really be parked in the Wait state, not finished or failed.
      long running = engine.listExecutions(machine, ExecutionStatus.RUNNING).size();
      if (running != executions) {
        throw new IllegalStateException(running + " of " + executions + " executions are RUNNING");
      }
      // ... and every one of them has entered the Wait state (started executions run
      // asynchronously).
      long parked = 0;
      for (int attempt = 0; attempt < 600 && parked < executions; attempt++) {
        parked =
            arns.stream()
                .filter(arn -> lastEventType(engine, arn).equals("WaitStateEntered"))
                .count();
        if (parked < executions) {
          Thread.sleep(100);
        }
      }
      String lastEvent = lastEventType(engine, arns.get(arns.size() - 1));
      if (parked != executions) {
        throw new IllegalStateException(
            parked + " of " + executions + " executions reached the Wait state");
      }
      long used = usedAfterGc(memory);
      int liveThreads = ManagementFactory.getThreadMXBean().getThreadCount();
      long rssKb = rssKilobytes();
      System.out.printf(
          "{\"executions\":%d,\"lastEventOfLast\":\"%s\",\"startSeconds\":%.2f,\"baselineUsedMB\":%.1f,"
              + "\"usedAfterGcMB\":%.1f,\"perExecutionKB\":%.2f,\"maxHeapMB\":%.0f,\"liveThreads\":%d,"
              + "\"processRssMB\":%.0f}%n",
          executions,
          lastEvent,
          startSeconds,
          baseline / 1048576.0,
          used / 1048576.0,
          (used - baseline) / 1024.0 / executions,
          memory.getHeapMemoryUsage().getMax() / 1048576.0,
          liveThreads,
          rssKb / 1024.0);
    }
  }

  private static String lastEventType(StepFunctions engine, String arn) {
    var history = engine.getExecutionHistory(arn);
    return history.get(history.size() - 1).type();
  }

  /** Resident set size from /proc (Linux): heap plus thread stacks and other native memory. */
  private static long rssKilobytes() throws java.io.IOException {
    for (String line :
        java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
