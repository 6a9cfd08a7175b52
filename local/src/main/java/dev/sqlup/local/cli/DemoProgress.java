package dev.sqlup.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.model.HistoryEvent;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

/**
 * One progress line per phase of the upgrade that starts next (the demo runs one at a time),
 * printed as a new line when the phase changes so transcripts stay readable.
 */
final class DemoProgress {
  private final PrintWriter out;
  private final ApiClient api;
  private String executionArn;
  private String step;
  private String lastLine;

  DemoProgress(PrintWriter out, ApiClient api) {
    this.out = out;
    this.api = api;
  }

  synchronized void onEvent(String arn, HistoryEvent event) {
    if (executionArn == null && event.type().equals("ExecutionStarted")) {
      executionArn = arn;
    }
    if (arn.equals(executionArn) && event.type().equals("TaskStateExited")) {
      draw(api.get("/tasks/" + arn.substring(arn.lastIndexOf(':') + 1)), event.timestamp());
    }
  }

  private void draw(JsonNode task, Instant now) {
    if (task.path("status").asText().equals("Pending")) {
      return;
    }
    String current = task.path("currentStep").asText(task.path("status").asText());
    if (!current.equals(step) && lastLine != null) {
      out.println(lastLine);
    }
    step = current;
    lastLine =
        "   "
            + ProgressPrinter.line(
                current,
                ProgressPrinter.percent(task.get("progress")),
                Duration.between(Instant.parse(task.path("createdAt").asText()), now),
                Duration.ofSeconds(task.path("remainingSeconds").asLong()),
                task.path("status").asText());
  }

  synchronized void finish() {
    if (lastLine != null) {
      out.println(lastLine);
    }
  }
}
