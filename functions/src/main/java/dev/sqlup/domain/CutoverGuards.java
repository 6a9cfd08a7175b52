package dev.sqlup.domain;

/**
 * Checks made just before the point of no return; any of them failing holds the switch (the source
 * keeps serving, log shipping goes on) and it is checked again every {@code recheckSeconds}. A
 * request gives overrides; a missing field takes the default.
 *
 * @param maxLogLagMb log not yet shipped to the target (what the tail-log backup would carry), in
 *     MB
 * @param maxOpenTransactionMinutes age of the oldest open transaction on the source: a long one
 *     makes the tail and the recovery long (its log must be redone and undone) and is cut off by
 *     the switch
 * @param maxDowntimeSeconds the estimated downtime of the switch ({@link DowntimeEstimate})
 * @param recheckSeconds how often a holding guard is checked again
 */
public record CutoverGuards(
    Long maxLogLagMb,
    Integer maxOpenTransactionMinutes,
    Integer maxDowntimeSeconds,
    Integer recheckSeconds) {
  public static final CutoverGuards DEFAULTS = new CutoverGuards(2000L, 10, 300, 300);

  /** These overrides with every missing field taken from {@link #DEFAULTS}. */
  public CutoverGuards withDefaults() {
    return new CutoverGuards(
        maxLogLagMb != null ? maxLogLagMb : DEFAULTS.maxLogLagMb,
        maxOpenTransactionMinutes != null
            ? maxOpenTransactionMinutes
            : DEFAULTS.maxOpenTransactionMinutes,
        maxDowntimeSeconds != null ? maxDowntimeSeconds : DEFAULTS.maxDowntimeSeconds,
        recheckSeconds != null ? recheckSeconds : DEFAULTS.recheckSeconds);
  }
}
