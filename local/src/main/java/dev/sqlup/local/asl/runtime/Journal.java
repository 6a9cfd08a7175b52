package dev.sqlup.local.asl.runtime;

import com.fasterxml.jackson.databind.JsonNode;

/** Append-only record of one execution; the in-memory store's journal discards. */
public interface Journal {
  void append(JsonNode record);

  Journal NONE = record -> {};
}
