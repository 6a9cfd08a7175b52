package dev.sqlup.local.asl.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.local.asl.StatesError;
import dev.sqlup.local.asl.path.JsonPaths;
import dev.sqlup.local.asl.runtime.StateContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Wait (spec "Wait State"): exactly one of Seconds, SecondsPath, Timestamp, TimestampPath (RFC 3339).
 * Waits on the engine clock, so under virtual time it costs nothing.
 */
public final class WaitState extends State {
  private final Long seconds;
  private final String secondsPath;
  private final Instant timestamp;
  private final String timestampPath;

  public WaitState(
      Common common, Long seconds, String secondsPath, Instant timestamp, String timestampPath) {
    super(common);
    this.seconds = seconds;
    this.secondsPath = secondsPath;
    this.timestamp = timestamp;
    this.timestampPath = timestampPath;
  }

  @Override
  public String type() {
    return "Wait";
  }

  @Override
  protected Outcome execute(StateContext ctx, JsonNode effectiveInput, JsonNode rawInput) {
    Instant until;
    if (seconds != null) {
      until = ctx.enteredTime().plusSeconds(seconds);
    } else if (secondsPath != null) {
      JsonNode value = JsonPaths.read("SecondsPath", secondsPath, effectiveInput);
      if (!value.isIntegralNumber() || value.asLong() < 0) {
        throw new StatesError(
            "States.Runtime",
            "The SecondsPath parameter does not reference a valid non-negative integer: '"
                + value + "'");
      }
      until = ctx.enteredTime().plusSeconds(value.asLong());
    } else if (timestamp != null) {
      until = timestamp;
    } else {
      JsonNode value = JsonPaths.read("TimestampPath", timestampPath, effectiveInput);
      until = parseTimestamp(value.asText(null));
      if (until == null) {
        throw new StatesError(
            "States.Runtime",
            "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time"
                + " format string: '" + value + "'");
      }
    }
    ctx.waitUntil(until);
    return Outcome.of(effectiveInput);
  }

  /** RFC 3339 with an offset (AWS requires uppercase T and an offset or Z); null when invalid. */
  public static Instant parseTimestamp(String text) {
    if (text == null || text.indexOf('T') < 0) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
