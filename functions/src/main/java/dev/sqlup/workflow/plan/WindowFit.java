package dev.sqlup.workflow.plan;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether the rest of an upgrade (final log catch-up + switchover) fits in a maintenance window
 * that is open now. Switching late in a window would spill the downtime out of it, so an upgrade
 * that cannot finish before the window closes waits for the next occurrence instead.
 */
public final class WindowFit {
  private WindowFit() {}

  /**
   * The decision at {@code now} for a window [{@code start}, {@code end}) needing {@code needed}.
   */
  public static Decision decide(Instant start, Instant end, Instant now, Duration needed) {
    if (now.isBefore(start)) {
      return new Decision(
          false, needed, "window " + iso(start) + " to " + iso(end) + " has not opened yet");
    }
    Instant finish = now.plus(needed);
    if (!finish.isAfter(end)) {
      return new Decision(
          true,
          needed,
          "catch-up and switch need " + minutes(needed) + ", window closes at " + iso(end));
    }
    return new Decision(
        false,
        needed,
        "catch-up and switch need "
            + minutes(needed)
            + " but the window "
            + iso(start)
            + " to "
            + iso(end)
            + " closes at "
            + iso(end)
            + ": waiting for the next window");
  }

  /** {@code fits}: switch now; else {@code reason} says why the upgrade waits. */
  public record Decision(boolean fits, Duration needed, String reason) {}

  /** ISO-8601 UTC to the millisecond, like every instant the API shows. */
  private static String iso(Instant t) {
    return dev.sqlup.json.Json.format(t);
  }

  private static String minutes(Duration d) {
    return (d.toSeconds() + 59) / 60 + " min";
  }
}
