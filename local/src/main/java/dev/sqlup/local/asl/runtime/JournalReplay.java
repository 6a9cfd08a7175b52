package dev.sqlup.local.asl.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.model.ExecutionStatus;
import java.time.Instant;
import java.util.List;

/**
 * Rebuilds an execution's history, checkpoints and end status from its journal, and the Map Runs of
 * its Distributed Map states.
 */
public final class JournalReplay {
  private JournalReplay() {}

  /** Applies every record after the first ("start"); true when the execution had ended. */
  public static boolean apply(ExecutionRun run, List<JsonNode> records) {
    boolean ended = false;
    MapRunRegistry mapRuns =
        run.services().mapRuns() instanceof MapRunRegistry registry ? registry : null;
    for (JsonNode record : records.subList(1, records.size())) {
      switch (record.path("k").asText()) {
        case "event" -> run.history().restore(ExecutionHistory.fromJson(record));
        case "cp" -> {
          run.restoreCheckpoint(
              record.get("b").asText(),
              new Checkpoint(
                  record.get("n").isNull() ? null : record.get("n").asText(),
                  record.get("o"),
                  record.get("s").asLong(),
                  record.get("v")));
          if (mapRuns != null) {
            mapRuns.checkpointed(run.arn(), record.get("b").asText());
          }
        }
        case "mapRun" -> {
          if (mapRuns != null) {
            mapRuns.restore(run, record);
          }
        }
        case "timer" ->
            run.restoreTimer(
                record.get("key").asText(), Instant.parse(record.get("until").asText()));
        case "end" -> {
          run.restoreEnd(
              ExecutionStatus.valueOf(record.get("status").asText()),
              Instant.parse(record.get("stopDate").asText()),
              text(record, "output"),
              text(record, "error"),
              text(record, "cause"));
          ended = true;
        }
        default -> {}
      }
    }
    return ended;
  }

  private static String text(JsonNode record, String field) {
    JsonNode value = record.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
