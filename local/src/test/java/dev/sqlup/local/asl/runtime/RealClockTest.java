package dev.sqlup.local.asl.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The scaled clock's arithmetic on a wall clock the test moves by hand: no test waits on real time.
 */
class RealClockTest {

  /** A wall clock that only moves when told to. */
  private static final class HandClock extends Clock {
    private Instant now = Instant.parse("2026-12-03T10:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void scaledBy100_runsEngineTime100TimesFasterThanTheWallClock_fromTheEngineStart() {
    HandClock wall = new HandClock();
    Instant start = wall.instant();
    RealClock clock = new RealClock(100, wall);

    wall.advance(Duration.ofMillis(200));

    assertThat(Duration.between(start, clock.now())).isEqualTo(Duration.ofSeconds(20));
    assertThat(clock.clock().instant()).isEqualTo(clock.now());
  }

  @Test
  void factorOne_isTheWallClock() {
    HandClock wall = new HandClock();
    RealClock clock = new RealClock(1, wall);
    wall.advance(Duration.ofHours(3));

    assertThat(clock.now()).isEqualTo(wall.instant());
  }

  @Test
  void aDeadlineAlreadyReached_doesNotWait() throws Exception {
    HandClock wall = new HandClock();
    RealClock clock = new RealClock(60, wall);
    Instant deadline = clock.now().plusSeconds(30);
    wall.advance(Duration.ofSeconds(1)); // 60 s of engine time

    assertThat(clock.awaitUntil(new java.util.concurrent.CompletableFuture<>(), deadline))
        .isFalse();
  }
}
