package dev.sqlup.local.asl.choice;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Timestamps as Choice rules accept them: the RFC 3339 profile of ISO 8601 with an uppercase {@code
 * T} between date and time and an uppercase {@code Z} for UTC, e.g. {@code 2016-03-14T01:59:00Z},
 * optionally with fractional seconds or a numeric offset.
 */
final class Timestamps {
  private static final Pattern RFC_3339 =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");

  private Timestamps() {}

  /** The instant, or null when {@code text} is not such a timestamp. */
  static Instant parse(String text) {
    if (text == null || !RFC_3339.matcher(text).matches()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null; // e.g. month 13 or hour 25
    }
  }
}
