package dev.sqlup.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One progress line per phase of a task: the line of the current step is redrawn in place ({@code
 * \r}) and a new line starts when the step changes. {@code progress} is a percentage (0–100); a
 * fractional value of at most 1 is read as a fraction.
 */
final class ProgressPrinter {
  private static final int WIDTH = 24;

  private final PrintWriter out;
  private final Clock clock;
  private String step;
  private Instant stepSeen;

  ProgressPrinter(PrintWriter out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  void update(JsonNode task) {
    String current = task.path("currentStep").asText(task.path("status").asText("?"));
    Instant now = clock.instant();
    if (!current.equals(step)) {
      if (step != null) {
        out.println();
      }
      step = current;
      stepSeen = now;
    }
    out.print(
        "\r"
            + line(
                current,
                percent(task.get("progress")),
                Duration.between(stepSeen, now),
                task.hasNonNull("remainingSeconds")
                    ? Duration.ofSeconds(task.get("remainingSeconds").asLong())
                    : null,
                task.path("status").asText("")));
    out.flush();
  }

  void finish() {
    if (step != null) {
      out.println();
      out.flush();
    }
  }

  static int percent(JsonNode progress) {
    if (progress == null || !progress.isNumber()) {
      return 0;
    }
    double p = progress.asDouble();
    if (progress.isFloatingPointNumber() && p <= 1.0) {
      p *= 100;
    }
    return (int) Math.max(0, Math.min(100, Math.round(p)));
  }

  static String line(
      String step, int percent, Duration elapsed, Duration remaining, String status) {
    int filled = percent * WIDTH / 100;
    String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
    return String.format(
            "%-28s [%s] %3d%%  elapsed %s  ETA %s  %s",
            step,
            bar,
            percent,
            hms(elapsed),
            remaining == null ? "--:--:--" : hms(remaining),
            status)
        .stripTrailing();
  }

  static String hms(Duration d) {
    long s = Math.max(0, d.getSeconds());
    return String.format("%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  }
}
