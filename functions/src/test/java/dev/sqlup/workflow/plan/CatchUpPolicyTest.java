package dev.sqlup.workflow.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CatchUpPolicyTest {
  static final double GB = 1e9;
  static final double GUIDE = 200 * GB;
  static final Duration TWO_MINUTES = Duration.ofMinutes(2);
  final CatchUpPolicy policy = CatchUpPolicy.DEFAULT;

  @Test
  void theGuidesExampleConvergesInRoundsOfAFewMegabytes() {
    // 10 GB of log in the 6 h of the guide's worked example: 1.67 GB/h, rounds of 2 min -> ~56 MB.
    long rate = Math.round(10 * GB / 6);
    assertThat(CatchUpPolicy.leastRoundBytes(rate, rate, GUIDE, TWO_MINUTES) / GB)
        .isCloseTo(0.056, within(0.001));
    assertThat(policy.canConverge(rate, rate, GUIDE, TWO_MINUTES)).isTrue();
  }

  @Test
  void aSingleDatabaseConvergesUpToAbout46GigabytesOfLogPerHour() {
    // s = r * T0 / (1 - r / v) <= 2 GB  <=>  r <= 2 / (1/30 + 1/100) GB/h = 46.15 GB/h
    assertThat(policy.canConverge((long) (46 * GB), (long) (46 * GB), GUIDE, TWO_MINUTES)).isTrue();
    assertThat(policy.canConverge((long) (47 * GB), (long) (47 * GB), GUIDE, TWO_MINUTES))
        .isFalse();
    assertThat(
            CatchUpPolicy.leastRoundBytes((long) (100 * GB), (long) (100 * GB), GUIDE, TWO_MINUTES)
                / GB)
        .isCloseTo(6.667, within(0.001));
  }

  @Test
  void databasesShareTheHostsChannel_soTheInstanceRateSetsTheRoundTime() {
    // 20 GB/h alone converges; next to 120 GB/h of other databases one round takes 6.7 min: 2.22
    // GB.
    assertThat(policy.canConverge((long) (20 * GB), (long) (20 * GB), GUIDE, TWO_MINUTES)).isTrue();
    assertThat(
            CatchUpPolicy.leastRoundBytes((long) (20 * GB), (long) (140 * GB), GUIDE, TWO_MINUTES)
                / GB)
        .isCloseTo(2.222, within(0.001));
    assertThat(policy.canConverge((long) (20 * GB), (long) (140 * GB), GUIDE, TWO_MINUTES))
        .isFalse();
  }

  @Test
  void logWrittenAtLeastAsFastAsItCanBeShipped_neverConverges() {
    assertThat(CatchUpPolicy.leastRoundBytes(1, (long) (200 * GB), GUIDE, TWO_MINUTES))
        .isEqualTo(Long.MAX_VALUE);
    assertThat(CatchUpPolicy.leastRoundBytes(0, (long) (500 * GB), GUIDE, TWO_MINUTES)).isZero();
  }
}
