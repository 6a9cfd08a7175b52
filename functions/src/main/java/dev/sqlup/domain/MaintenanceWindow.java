package dev.sqlup.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A daily maintenance window in UTC, written {@code HH:MMZ-HH:MMZ}. When the end is not after the
 * start the window crosses midnight ({@code 23:00Z-01:00Z} is two hours). Start and end may not be
 * equal.
 */
public record MaintenanceWindow(LocalTime start, LocalTime end) {
  private static final Pattern FORMAT =
      Pattern.compile("([01]\\d|2[0-3]):([0-5]\\d)Z-([01]\\d|2[0-3]):([0-5]\\d)Z");

  public MaintenanceWindow {
    if (start.equals(end)) {
      throw new IllegalArgumentException("a maintenance window needs different start and end");
    }
  }

  /** Parses {@code HH:MMZ-HH:MMZ}; empty when the text does not match or start equals end. */
  public static Optional<MaintenanceWindow> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = FORMAT.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    LocalTime start = LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    LocalTime end = LocalTime.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
    return start.equals(end) ? Optional.empty() : Optional.of(new MaintenanceWindow(start, end));
  }

  public Duration length() {
    Duration d = Duration.between(start, end);
    return d.isNegative() ? d.plusDays(1) : d;
  }

  /** One occurrence of the window: [start, end). */
  public record Occurrence(Instant start, Instant end) {
    public boolean contains(Instant t) {
      return !t.isBefore(start) && t.isBefore(end);
    }
  }

  /** True when {@code t} falls inside an occurrence of the window. */
  public boolean contains(Instant t) {
    return currentOrNext(t).contains(t);
  }

  /** The occurrence containing {@code t}, or else the first one starting after {@code t}. */
  public Occurrence currentOrNext(Instant t) {
    LocalDate day = t.atOffset(ZoneOffset.UTC).toLocalDate();
    // The occurrence that started yesterday may still be open when the window crosses midnight.
    for (LocalDate d = day.minusDays(1); ; d = d.plusDays(1)) {
      Instant s = d.atTime(start).toInstant(ZoneOffset.UTC);
      Occurrence o = new Occurrence(s, s.plus(length()));
      if (t.isBefore(o.end())) {
        return o;
      }
    }
  }

  /** The first occurrence starting at or after {@code t} (never one already open). */
  public Occurrence nextStart(Instant t) {
    Occurrence o = currentOrNext(t);
    if (o.start().isBefore(t)) {
      Instant s = o.start().plus(Duration.ofDays(1));
      return new Occurrence(s, s.plus(length()));
    }
    return o;
  }

  /**
   * When a switch that is ready at {@code ready} and takes {@code needs} can start: at {@code
   * ready} when an occurrence is open then with room left for it, else at the start of the first
   * later occurrence (each is as long as the window); empty when the window is shorter than the
   * switch. May be the occurrence after the next: when the one open at {@code ready} closes too
   * soon.
   */
  public Optional<Instant> switchStart(Instant ready, Duration needs) {
    if (length().compareTo(needs) < 0) {
      return Optional.empty();
    }
    Occurrence o = currentOrNext(ready);
    Instant start = o.start().isAfter(ready) ? o.start() : ready;
    if (!start.plus(needs).isAfter(o.end())) {
      return Optional.of(start);
    }
    return Optional.of(nextStart(o.end()).start());
  }

  @Override
  public String toString() {
    return String.format(
        "%02d:%02dZ-%02d:%02dZ",
        start.getHour(), start.getMinute(), end.getHour(), end.getMinute());
  }
}
