package dev.sqlup.local.asl.state.fields;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Retry intervals (spec "Retrying after error", developer guide MaxDelaySeconds / JitterStrategy).
 */
class RetrierTest {
  private static final ErrorEquals ALL = new ErrorEquals(List.of("States.ALL"));

  @Test
  void delay_growsByBackoffRate_andIsCappedByMaxDelay() {
    Retrier retrier = new Retrier(ALL, 3, 5, 2.0, 20, false);
    SplittableRandom random = new SplittableRandom(1);

    assertThat(retrier.delay(0, random)).isEqualTo(Duration.ofSeconds(3));
    assertThat(retrier.delay(1, random)).isEqualTo(Duration.ofSeconds(6));
    assertThat(retrier.delay(2, random)).isEqualTo(Duration.ofSeconds(12));
    assertThat(retrier.delay(3, random)).isEqualTo(Duration.ofSeconds(20));
  }

  @Property
  void fullJitter_staysBetweenZeroAndTheComputedDelay(
      @ForAll @IntRange(min = 1, max = 100) int interval,
      @ForAll @IntRange(min = 0, max = 6) int retriesDone,
      @ForAll long seed) {
    Retrier full = new Retrier(ALL, interval, 10, 1.5, null, true);
    Retrier none = new Retrier(ALL, interval, 10, 1.5, null, false);

    Duration jittered = full.delay(retriesDone, new SplittableRandom(seed));

    assertThat(jittered)
        .isBetween(Duration.ZERO, none.delay(retriesDone, new SplittableRandom(seed)));
  }

  @Test
  void fullJitter_isReproducibleForTheSameSeed() {
    Retrier full = new Retrier(ALL, 10, 3, 2.0, null, true);
    assertThat(full.delay(2, new SplittableRandom(7)))
        .isEqualTo(full.delay(2, new SplittableRandom(7)));
  }

  @Test
  void errorEquals_allAndTaskFailedWildcards_leaveTerminalErrorsAlone() {
    ErrorEquals taskFailed = new ErrorEquals(List.of("States.TaskFailed"));

    assertThat(ALL.matches("java.lang.IllegalStateException")).isTrue();
    assertThat(ALL.matches("States.Timeout")).isTrue();
    assertThat(ALL.matches("States.Runtime")).isFalse();
    assertThat(ALL.matches("States.DataLimitExceeded")).isFalse();
    assertThat(taskFailed.matches("States.Timeout")).isFalse();
    assertThat(taskFailed.matches("States.HeartbeatTimeout")).isTrue();
    assertThat(new ErrorEquals(List.of("States.Runtime")).matches("States.Runtime")).isFalse();
  }
}
