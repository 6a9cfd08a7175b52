package dev.sqlup.domain.campaign;

/**
 * The error budget checked after each wave: the wave's failed upgrades against its tolerated
 * failures (count, or percentage of the upgrades it started; instances skipped at their turn do not
 * count either way, they never started). Exceeded halts the campaign.
 */
public final class ErrorBudget {
  private ErrorBudget() {}

  public record Verdict(
      boolean exceeded, int failed, int attempted, Amount tolerated, String reason) {}

  public static Verdict evaluate(WaveSpec wave, WaveCounts counts) {
    boolean exceeded = wave.toleratedFailures().exceededBy(counts.failed(), counts.attempted());
    String reason =
        exceeded
            ? "wave "
                + wave.name()
                + ": "
                + counts.failed()
                + " of "
                + counts.attempted()
                + " upgrades failed, "
                + "more than the "
                + wave.toleratedFailures()
                + " tolerated"
            : null;
    return new Verdict(
        exceeded, counts.failed(), counts.attempted(), wave.toleratedFailures(), reason);
  }
}
