package dev.sqlup.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;

/**
 * An upgrade task as {@code --output table} prints it: its fields, its steps, then every list it
 * carries (warnings, stopped replication tasks, the cutover's switch time history and guard holds)
 * under its own heading. Apart from the commands because {@code upgrade}, {@code task}, {@code
 * watch}, {@code approve} and {@code reschedule} all end by printing a task.
 */
final class TaskPrinter {
  static final List<String> STEP_COLUMNS =
      List.of("name", "status", "startedAt", "endedAt", "detail");

  private TaskPrinter() {}

  static void print(PrintWriter out, JsonNode task) {
    out.print(
        TableRenderer.keyValues(
            task, List.of("steps", "warnings", "stoppedReplicationTasks", "cutover", "estimate")));
    List<JsonNode> steps = TableRenderer.elements(task.path("steps"));
    if (!steps.isEmpty()) {
      out.println();
      out.print(TableRenderer.table(steps, STEP_COLUMNS));
    }
    // Every list of the task in full, each under its own heading (empty ones say so).
    list(out, "warnings", task.path("warnings"), null);
    list(
        out,
        "stopped replication tasks (restart them after the upgrade)",
        task.path("stoppedReplicationTasks"),
        null);
    JsonNode cutover = task.path("cutover");
    if (cutover.hasNonNull("switchAt")) {
      out.println();
      out.println("switch at: " + cutover.get("switchAt").asText());
    }
    if (cutover.has("guards")) {
      out.println();
      out.println("cutover guards (overrides): " + cutover.get("guards"));
    }
    list(
        out,
        "switch time history",
        cutover.path("history"),
        List.of("at", "by", "action", "from", "to"));
    list(
        out,
        "cutover guard holds",
        cutover.path("holds"),
        List.of("guard", "since", "until", "value", "limit", "unit", "reason"));
  }

  private static void list(PrintWriter out, String title, JsonNode items, List<String> columns) {
    out.println();
    if (!items.isArray() || items.isEmpty()) {
      out.println(title + ": none");
      return;
    }
    out.println(title + ":");
    out.print(TableRenderer.listing(TableRenderer.elements(items), columns));
  }
}
