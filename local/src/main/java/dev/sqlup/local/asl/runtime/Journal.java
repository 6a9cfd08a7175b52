package dev.sqlup.local.asl.runtime;

import com.fasterxml.jackson.databind.JsonNode;

/** Append-only record of one execution; the in-memory store's journal discards. */
public interface Journal {
  void append(JsonNode record);

  /**
   * False for a journal that discards every record, so callers can skip building records nobody
   * reads (in memory, building them cost about a tenth of each state's time).
   */
  default boolean keepsRecords() {
    return true;
  }

  /** Hands every record appended so far to the OS (a journal may buffer history events). */
  default void flush() {}

  /**
   * Releases what the journal holds open while its execution runs (a file); a later append opens it
   * again. Called when the execution ends or parks.
   */
  default void close() {}

  Journal NONE =
      new Journal() {
        @Override
        public void append(JsonNode record) {}

        @Override
        public boolean keepsRecords() {
          return false;
        }
      };
}
