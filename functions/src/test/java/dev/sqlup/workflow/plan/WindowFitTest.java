package dev.sqlup.workflow.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WindowFitTest {
  static final Instant START = Instant.parse("2026-11-25T02:00:00Z");
  static final Instant END = Instant.parse("2026-11-25T04:00:00Z");

  @Test
  void fitsWhenCatchUpAndSwitchEndBeforeTheWindowCloses() {
    assertThat(WindowFit.decide(START, END, START, Duration.ofMinutes(20)).fits()).isTrue();
    assertThat(WindowFit.decide(START, END, END.minusSeconds(1200), Duration.ofMinutes(20)).fits())
        .isTrue();
  }

  @Test
  void waitsForTheNextWindowWhenTheSwitchWouldSpillOut() {
    WindowFit.Decision d =
        WindowFit.decide(START, END, END.minusSeconds(600), Duration.ofMinutes(20));
    assertThat(d.fits()).isFalse();
    assertThat(d.reason()).contains("next window").contains("20 min");
  }

  @Test
  void neverSwitchesBeforeTheWindowOpens() {
    assertThat(WindowFit.decide(START, END, START.minusSeconds(1), Duration.ofMinutes(1)).fits())
        .isFalse();
  }
}
