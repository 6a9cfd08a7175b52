package dev.sqlup.config;

import dev.sqlup.json.Json;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Structured logs: one JSON object per line (CloudWatch Logs Insights reads its fields), each
 * carrying the invocation's context ({@code taskId}, {@code instanceId}, {@code phase}). Metrics
 * are the same lines in CloudWatch's embedded metric format ({@code _aws}), so a phase publishes
 * them with no API call and no extra client at cold start; without a namespace ({@code
 * METRICS_NAMESPACE} blank, as locally) they stay plain lines. Not Powertools logging: a few dozen
 * lines on the codec the functions already load keep the cold start where docs/BENCHMARKS.md
 * measured it.
 *
 * <p>The workflow's entry points open one for each invocation ({@link #during}); code below them
 * writes through {@link #current()}, which drops lines when no invocation is logging (unit tests).
 */
public final class JsonLog {
  public static final String METRICS_NAMESPACE = "METRICS_NAMESPACE";
  private static final JsonLog NONE = new JsonLog(line -> {}, Clock.systemUTC(), null, Map.of());
  private static final ThreadLocal<JsonLog> CURRENT = new ThreadLocal<>();

  private final Consumer<String> sink;
  private final Clock clock;
  private final String namespace;
  private final Map<String, Object> context;

  private JsonLog(
      Consumer<String> sink, Clock clock, String namespace, Map<String, Object> context) {
    this.sink = sink;
    this.clock = clock;
    this.namespace = namespace == null || namespace.isBlank() ? null : namespace;
    this.context = context;
  }

  /**
   * A logger writing whole lines to {@code sink}; metrics under {@code namespace} (null or blank:
   * none).
   */
  public static JsonLog to(Consumer<String> sink, Clock clock, String namespace) {
    return new JsonLog(sink, clock, namespace, Map.of());
  }

  /** The logger of the invocation running on this thread, or one that writes nothing. */
  public static JsonLog current() {
    JsonLog log = CURRENT.get();
    return log == null ? NONE : log;
  }

  /** The same logger with one more context field on every line (null values are left out). */
  public JsonLog with(String key, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(context);
    more.put(key, value);
    return new JsonLog(sink, clock, namespace, more);
  }

  /** Runs {@code work} with this logger as {@link #current()}. */
  public <T> T during(Supplier<T> work) {
    JsonLog previous = CURRENT.get();
    CURRENT.set(this);
    try {
      return work.get();
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }

  public void info(String message, Map<String, ?> fields) {
    write("INFO", message, fields, null);
  }

  public void error(String message, Map<String, ?> fields) {
    write("ERROR", message, fields, null);
  }

  /**
   * An INFO line that is also a metric data point: {@code metric} = {@code value} in {@code unit}
   * (CloudWatch unit names: Seconds, Count), with {@code dimensions} (their values are fields of
   * the line).
   */
  public void metric(
      String message, String metric, String unit, double value, Map<String, String> dimensions) {
    Map<String, Object> fields = new LinkedHashMap<>(dimensions);
    fields.put(metric, value);
    Map<String, Object> emf = null;
    if (namespace != null) {
      emf =
          Map.of(
              "Timestamp",
              clock.millis(),
              "CloudWatchMetrics",
              List.of(
                  Map.of(
                      "Namespace", namespace,
                      "Dimensions", List.of(List.copyOf(dimensions.keySet())),
                      "Metrics", List.of(Map.of("Name", metric, "Unit", unit)))));
    }
    write("INFO", message, fields, emf);
  }

  private void write(String level, String message, Map<String, ?> fields, Map<String, Object> emf) {
    if (this == NONE) {
      return;
    }
    Map<String, Object> line = new LinkedHashMap<>();
    if (emf != null) {
      line.put("_aws", emf);
    }
    line.put("timestamp", Json.format(clock.instant()));
    line.put("level", level);
    line.put("message", message);
    line.putAll(context);
    if (fields != null) {
      fields.forEach(
          (k, v) -> {
            if (v != null) {
              line.put(k, v);
            }
          });
    }
    line.values().removeIf(v -> v == null);
    sink.accept(Json.write(line));
  }
}
