package dev.sqlup.local.asl.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The CPU time of each thread of this JVM, from Linux's {@code /proc/self/task/<tid>/schedstat}
 * (nanoseconds on CPU), grouped by what the thread does: {@code mutator} (the caller and the
 * engine's threads), {@code gc} (GC threads; the serial collector runs in the VM thread, counted
 * here too), {@code jit} (C1/C2 compiler threads) and {@code other} (JFR, signal, cleaner). Empty
 * where there is no {@code /proc}. A thread that ends between two samples loses its last interval.
 */
final class ThreadCpu {
  private ThreadCpu() {}

  record Sample(String name, long nanos) {}

  static Map<Long, Sample> sample() {
    Map<Long, Sample> threads = new HashMap<>();
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return threads;
    }
    try (Stream<Path> list = Files.list(tasks)) {
      list.forEach(
          task -> {
            try {
              String name = Files.readString(task.resolve("comm")).trim();
              String schedstat = Files.readString(task.resolve("schedstat"));
              long nanos = Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
              threads.put(Long.parseLong(task.getFileName().toString()), new Sample(name, nanos));
            } catch (IOException | RuntimeException ended) {
              // the thread ended while being read
            }
          });
    } catch (IOException e) {
      return Map.of();
    }
    return threads;
  }

  /** Milliseconds of CPU per group between two samples. */
  static Map<String, Long> split(Map<Long, Sample> before, Map<Long, Sample> after) {
    Map<String, Long> nanos = new TreeMap<>();
    after.forEach(
        (tid, now) -> {
          Sample then = before.get(tid);
          long used = now.nanos() - (then == null ? 0 : then.nanos());
          nanos.merge(group(now.name()), used, Long::sum);
        });
    Map<String, Long> millis = new TreeMap<>();
    nanos.forEach((group, n) -> millis.put(group, Math.round(n / 1e6)));
    return millis;
  }

  static String group(String thread) {
    if (thread.contains("CompilerThre")) {
      return "jit";
    }
    if (thread.startsWith("GC Thread") || thread.startsWith("G1 ") || thread.equals("VM Thread")) {
      return "gc";
    }
    if (thread.equals("java") || thread.startsWith("main") || thread.startsWith("sfn-")) {
      return "mutator";
    }
    return "other";
  }

  static String json(Map<String, Long> split) {
    StringBuilder out = new StringBuilder("{");
    split.forEach(
        (group, millis) ->
            out.append(out.length() > 1 ? "," : "")
                .append('"')
                .append(group)
                .append("\":")
                .append(millis));
    return out.append('}').toString();
  }
}
