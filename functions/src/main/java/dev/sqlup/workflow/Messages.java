package dev.sqlup.workflow;

import dev.sqlup.json.Json;
import java.time.Instant;

/** How instants read in task messages: ISO-8601 UTC to the millisecond, like the API's fields. */
final class Messages {
  private Messages() {}

  static String instant(Instant t) {
    return t == null ? "-" : Json.format(t);
  }
}
