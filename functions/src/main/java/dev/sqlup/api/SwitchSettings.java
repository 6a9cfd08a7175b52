package dev.sqlup.api;

import dev.sqlup.domain.CutoverGuards;
import dev.sqlup.domain.Estimate;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.MaintenanceWindow;
import dev.sqlup.domain.SwitchTime;
import dev.sqlup.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * The switch setting of a request (submit, {@code PATCH /tasks/{taskId}}): {@code switchTime},
 * {@code switchAt} (with {@code ScheduledTime} only) and {@code cutoverGuards}, checked the same
 * way wherever it comes from.
 */
final class SwitchSettings {
  static final Set<String> GUARD_FIELDS =
      Set.of("maxLogLagMb", "maxOpenTransactionMinutes", "maxDowntimeSeconds", "recheckSeconds");

  /**
   * The furthest a scheduled time may lie after the data is ready: the waiting loop polls every 5
   * minutes (about 2,600 history events a day), and Step Functions ends an execution at 25,000
   * events.
   */
  static final Duration MAX_WAIT = Duration.ofDays(7);

  private SwitchSettings() {}

  static Instant switchAt(Body body, SwitchTime switchTime) {
    java.util.Optional<String> text = body.optionalText("switchAt", null, null);
    if (switchTime != SwitchTime.ScheduledTime) {
      if (text.isPresent()) {
        throw ApiException.invalid("switchAt", "switchAt is only for switchTime ScheduledTime");
      }
      return null;
    }
    String value =
        text.orElseThrow(
            () ->
                ApiException.invalid(
                    "switchAt",
                    "switchAt (ISO-8601 UTC, e.g. 2026-03-02T22:00:00.000Z) is required with switchTime ScheduledTime"));
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiException.invalid(
          "switchAt",
          "switchAt must be an ISO-8601 UTC instant such as "
              + "2026-03-02T22:00:00.000Z, not "
              + Enums.quote(value));
    }
  }

  static CutoverGuards guards(Body body) {
    java.util.Optional<Map<String, Object>> object = body.optionalObject("cutoverGuards");
    if (object.isEmpty()) {
      return null;
    }
    Body g = new Body(object.get(), "cutoverGuards", GUARD_FIELDS);
    return new CutoverGuards(
        g.optionalInt("maxLogLagMb", 1, 1_000_000).map(Integer::longValue).orElse(null),
        g.optionalInt("maxOpenTransactionMinutes", 0, 10_080).orElse(null),
        g.optionalInt("maxDowntimeSeconds", 1, 86_400).orElse(null),
        g.optionalInt("recheckSeconds", 30, 3_600).orElse(null));
  }

  /**
   * The task's first remaining time: the estimate, plus the wait between when the data is caught up
   * ({@code ready}) and the switch — the scheduled time or the window open then or next. Waiting
   * for approval has no known end and adds nothing.
   */
  static long remainingWithWait(
      Estimate estimate,
      Instance instance,
      SwitchTime switchTime,
      Instant switchAt,
      Instant now,
      Instant ready) {
    Instant at =
        switch (switchTime) {
          case ScheduledTime -> switchAt;
          case MaintenanceWindow ->
              MaintenanceWindow.parse(instance.maintenanceWindow())
                  .flatMap(
                      w ->
                          w.switchStart(
                              ready,
                              Duration.ofSeconds(estimate.remaining(Estimate.LOG_APPLY, 1.0))))
                  .orElse(ready);
          default -> ready;
        };
    long wait = at == null || !at.isAfter(ready) ? 0 : Duration.between(ready, at).toSeconds();
    return estimate.totalSeconds() + wait;
  }

  /** A window switch needs the instance to have a maintenance window. */
  static void requireWindow(Instance instance, SwitchTime switchTime) {
    if (switchTime == SwitchTime.MaintenanceWindow
        && MaintenanceWindow.parse(instance.maintenanceWindow()).isEmpty()) {
      throw ApiException.invalid(
          "switchTime",
          "switchTime MaintenanceWindow needs a maintenance window on instance "
              + instance.instanceId()
              + " (HH:MMZ-HH:MMZ)");
    }
  }

  /**
   * A scheduled time must lie between when the data is caught up ({@code ready}) and {@link
   * #MAX_WAIT} after it; otherwise 422 {@code ScheduledTimeUnreachable}, naming the earliest time
   * that works.
   */
  static void requireReachable(Instant switchAt, Instant ready) {
    if (switchAt == null) {
      return;
    }
    if (switchAt.isBefore(ready)) {
      throw new ApiException(
          422,
          "ScheduledTimeUnreachable",
          "switchAt",
          "switchAt "
              + Json.format(switchAt)
              + " cannot be reached: the data is caught up at the earliest at "
              + Json.format(ready)
              + " (estimate); choose that or later",
          null);
    }
    if (switchAt.isAfter(ready.plus(MAX_WAIT))) {
      throw new ApiException(
          422,
          "ScheduledTimeUnreachable",
          "switchAt",
          "switchAt "
              + Json.format(switchAt)
              + " is more than "
              + MAX_WAIT.toDays()
              + " days after the data is caught up ("
              + Json.format(ready)
              + "); an upgrade waits at most that long",
          null);
    }
  }
}
