package dev.sqlup.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MaintenanceWindowTest {
  private static Instant at(String t) {
    return Instant.parse(t);
  }

  @Test
  void windowAcrossMidnight_hasItsLength_andContainsBothSides() {
    MaintenanceWindow w = MaintenanceWindow.parse("23:00Z-01:00Z").orElseThrow();

    assertThat(w.length()).isEqualTo(Duration.ofHours(2));
    assertThat(w.contains(at("2026-03-01T23:30:00Z"))).isTrue();
    assertThat(w.contains(at("2026-03-02T00:59:59Z"))).isTrue();
    assertThat(w.contains(at("2026-03-02T01:00:00Z"))).isFalse();
    assertThat(w.contains(at("2026-03-01T22:59:59Z"))).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    // window, instant, currentOrNext start, end, nextStart start
    "23:00Z-01:00Z, 2026-03-02T00:30:00Z, 2026-03-01T23:00:00Z, 2026-03-02T01:00:00Z, 2026-03-02T23:00:00Z",
    "23:00Z-01:00Z, 2026-03-02T12:00:00Z, 2026-03-02T23:00:00Z, 2026-03-03T01:00:00Z, 2026-03-02T23:00:00Z",
    "23:00Z-01:00Z, 2026-12-31T23:59:00Z, 2026-12-31T23:00:00Z, 2027-01-01T01:00:00Z, 2027-01-01T23:00:00Z",
    "02:00Z-06:00Z, 2026-03-02T01:00:00Z, 2026-03-02T02:00:00Z, 2026-03-02T06:00:00Z, 2026-03-02T02:00:00Z",
    "02:00Z-06:00Z, 2026-03-02T02:00:00Z, 2026-03-02T02:00:00Z, 2026-03-02T06:00:00Z, 2026-03-02T02:00:00Z",
    "02:00Z-06:00Z, 2026-03-02T06:00:00Z, 2026-03-03T02:00:00Z, 2026-03-03T06:00:00Z, 2026-03-03T02:00:00Z",
    "02:00Z-06:00Z, 2026-02-28T07:00:00Z, 2026-03-01T02:00:00Z, 2026-03-01T06:00:00Z, 2026-03-01T02:00:00Z",
  })
  void nextWindow_afterAnInstant(
      String window, String instant, String start, String end, String nextStart) {
    MaintenanceWindow w = MaintenanceWindow.parse(window).orElseThrow();

    MaintenanceWindow.Occurrence o = w.currentOrNext(at(instant));

    assertThat(o.start()).isEqualTo(at(start));
    assertThat(o.end()).isEqualTo(at(end));
    assertThat(w.nextStart(at(instant)).start()).isEqualTo(at(nextStart));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "23:00-01:00",
        "24:00Z-01:00Z",
        "23:60Z-01:00Z",
        "01:00Z-01:00Z",
        "1:00Z-02:00Z",
        "01:00Z-02:00Z ",
        "01:00Z_02:00Z"
      })
  void malformedWindows_areRejected(String text) {
    assertThat(MaintenanceWindow.parse(text)).isEmpty();
  }

  @ParameterizedTest(name = "ready {0} -> switch starts {1}")
  @CsvSource({
    // before today's window: its start
    "2026-11-24T06:00:00Z, 2026-11-24T08:15:00Z",
    // inside it with room for 12 minutes: at once
    "2026-11-24T08:20:00Z, 2026-11-24T08:20:00Z",
    "2026-11-24T08:28:00Z, 2026-11-24T08:28:00Z",
    // inside it, but it closes before 12 minutes are up: the next one, not the open one
    "2026-11-24T08:35:00Z, 2026-11-25T08:15:00Z",
    // after it: tomorrow's
    "2026-11-24T09:00:00Z, 2026-11-25T08:15:00Z"
  })
  void switchStart_isTheFirstOccurrenceWithRoomForTheSwitch(String ready, String start) {
    MaintenanceWindow w = MaintenanceWindow.parse("08:15Z-08:40Z").orElseThrow();
    assertThat(w.switchStart(Instant.parse(ready), Duration.ofMinutes(12)))
        .contains(Instant.parse(start));
  }

  @Test
  void switchStart_ofASwitchLongerThanTheWindow_isNone() {
    MaintenanceWindow w = MaintenanceWindow.parse("08:15Z-08:40Z").orElseThrow();
    assertThat(w.switchStart(Instant.parse("2026-11-24T06:00:00Z"), Duration.ofMinutes(30)))
        .isEmpty();
  }

  @Test
  void toString_roundTrips() {
    assertThat(MaintenanceWindow.parse("03:05Z-04:10Z").orElseThrow()).hasToString("03:05Z-04:10Z");
  }
}
