package dev.sqlup.local.asl.runtime;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an execution must not do twice after a restart: each branch's last checkpoint and each
 * Wait's deadline, journaled when a durable store keeps records and read back by {@link
 * JournalReplay}.
 */
final class DurableProgress {
  private final Journal journal;
  private final Map<String, Checkpoint> checkpoints = new ConcurrentHashMap<>();
  // the top-level branch ("") checkpoints after every state: a field, not a map entry
  private volatile Checkpoint top;
  private final Map<String, Instant> timers = new ConcurrentHashMap<>();

  DurableProgress(Journal journal) {
    this.journal = journal;
  }

  Checkpoint checkpoint(String branch) {
    return branch.isEmpty() ? top : checkpoints.get(branch);
  }

  void recordCheckpoint(String branch, Checkpoint checkpoint) {
    if (!journal.keepsRecords()) {
      keep(branch, checkpoint);
      return;
    }
    ObjectNode record = JsonNodeFactory.instance.objectNode();
    record.put("k", "cp");
    record.put("b", branch);
    record.put("n", checkpoint.next());
    record.set("o", checkpoint.output());
    record.put("s", checkpoint.step());
    if (checkpoint.variables() != null) {
      record.set("v", checkpoint.variables());
    }
    journal.append(record);
    keep(branch, checkpoint);
  }

  private void keep(String branch, Checkpoint checkpoint) {
    if (branch.isEmpty()) {
      top = checkpoint;
    } else {
      checkpoints.put(branch, checkpoint);
    }
  }

  /**
   * The deadline of a Wait at {@code key} (branch and step): the one journaled when it first
   * started, so a resumed execution does not start its Wait over; else {@code proposed}, journaled
   * now.
   */
  Instant durableDeadline(String key, Instant proposed) {
    Instant known = timers.get(key);
    if (known != null) {
      return known;
    }
    if (journal.keepsRecords()) {
      ObjectNode record = JsonNodeFactory.instance.objectNode();
      record.put("k", "timer");
      record.put("key", key);
      record.put("until", proposed.toString());
      journal.append(record);
    }
    timers.put(key, proposed);
    return proposed;
  }

  /** Replays a Wait deadline read back from the journal. */
  void restoreTimer(String key, Instant until) {
    timers.put(key, until);
  }

  /** Replays a checkpoint read back from the journal. */
  void restoreCheckpoint(String branch, Checkpoint checkpoint) {
    keep(branch, checkpoint);
  }
}
