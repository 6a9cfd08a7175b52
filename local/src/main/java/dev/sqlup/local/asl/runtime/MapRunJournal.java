package dev.sqlup.local.asl.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.asl.model.ExecutionStatus;
import dev.sqlup.local.asl.state.MapRun;
import java.time.Instant;

/**
 * The records that make a Map Run durable, appended to its parent execution's journal ({@code
 * "k":"mapRun"}, one {@code "op"} each): its start (ARN, where the Map state runs, settings,
 * counts), each child started (before it is started, so a restart never starts a second child for
 * the same input), each child ended (with its contribution to the result), UpdateMapRun, and its
 * end. {@link #replay} reads them back.
 */
final class MapRunJournal {
  private MapRunJournal() {}

  static void start(Journal journal, MapRun run, int items, int batches) {
    ObjectNode r = record(run.arn(), "start");
    r.put("execution", run.executionArn());
    r.put("childMachine", run.childMachineArn());
    r.put("branch", run.branch());
    r.put("state", run.stateName());
    r.put("express", run.express());
    r.put("startDate", run.startDate().toString());
    r.put("max", run.maxConcurrency());
    if (run.toleratedPercentage() != null) {
      r.put("pct", run.toleratedPercentage());
    }
    if (run.toleratedCount() != null) {
      r.put("cnt", run.toleratedCount());
    }
    r.put("items", items);
    r.put("batches", batches);
    append(journal, r);
  }

  static void child(Journal journal, MapRun run, int index, String childArn, int itemCount) {
    ObjectNode r = record(run.arn(), "child");
    r.put("i", index);
    r.put("child", childArn);
    r.put("n", itemCount);
    append(journal, r);
  }

  static void ended(
      Journal journal,
      MapRun run,
      int index,
      int itemCount,
      ExecutionStatus status,
      JsonNode result) {
    ObjectNode r = record(run.arn(), "ended");
    r.put("i", index);
    r.put("n", itemCount);
    r.put("status", status.name());
    r.set("result", result);
    append(journal, r);
  }

  static void update(Journal journal, String arn, Integer max, Double pct, Long cnt) {
    ObjectNode r = record(arn, "update");
    if (max != null) {
      r.put("max", max);
    }
    if (pct != null) {
      r.put("pct", pct);
    }
    if (cnt != null) {
      r.put("cnt", cnt);
    }
    append(journal, r);
  }

  static void finish(Journal journal, MapRun run, String status, Instant when) {
    ObjectNode r = record(run.arn(), "finish");
    r.put("status", status);
    r.put("stopDate", when.toString());
    append(journal, r);
  }

  /** A Map Run as its start record describes it, before any of its later records. */
  static MapRun started(JsonNode r) {
    return new MapRun(
        r.get("arn").asText(),
        r.get("execution").asText(),
        r.get("childMachine").asText(),
        r.get("branch").asText(),
        r.get("state").asText(),
        r.get("express").asBoolean(),
        Instant.parse(r.get("startDate").asText()),
        r.get("max").asInt(),
        r.has("pct") ? r.get("pct").asDouble() : null,
        r.has("cnt") ? r.get("cnt").asLong() : null,
        r.get("items").asInt(),
        r.get("batches").asInt());
  }

  /** Applies a child, ended, update or finish record to its Map Run. */
  static void replay(MapRun run, JsonNode r) {
    switch (r.get("op").asText()) {
      case "child" ->
          run.childStarted(r.get("i").asInt(), r.get("child").asText(), r.get("n").asInt());
      case "ended" ->
          run.childEnded(
              r.get("i").asInt(),
              r.get("n").asInt(),
              ExecutionStatus.valueOf(r.get("status").asText()),
              r.get("result"));
      case "update" ->
          run.update(
              r.has("max") ? r.get("max").asInt() : null,
              r.has("pct") ? r.get("pct").asDouble() : null,
              r.has("cnt") ? r.get("cnt").asLong() : null);
      case "finish" ->
          run.finish(r.get("status").asText(), Instant.parse(r.get("stopDate").asText()));
      default -> {}
    }
  }

  private static ObjectNode record(String arn, String op) {
    ObjectNode r = JsonNodeFactory.instance.objectNode();
    r.put("k", "mapRun");
    r.put("op", op);
    r.put("arn", arn);
    return r;
  }

  private static void append(Journal journal, ObjectNode record) {
    if (journal.keepsRecords()) {
      journal.append(record);
    }
  }
}
