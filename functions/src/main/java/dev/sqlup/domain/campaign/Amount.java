package dev.sqlup.domain.campaign;

/**
 * A number of instances given as a count ({@code 5}) or as a percentage of a total ({@code 10%}): a
 * wave's size, or the failures a wave tolerates.
 */
public record Amount(int value, boolean percent) {
  public Amount {
    if (value < 0 || (percent && value > 100)) {
      throw new IllegalArgumentException("an amount is a count >= 0 or a percentage from 0 to 100");
    }
  }

  public static Amount count(int value) {
    return new Amount(value, false);
  }

  public static Amount percent(int value) {
    return new Amount(value, true);
  }

  /**
   * How many of {@code total} instances this amount takes: a count at most the total; a percentage
   * rounded up, so "10 %" of 5 instances is still one canary and never zero when the percentage is
   * not.
   */
  public int of(int total) {
    if (percent) {
      return (int) Math.min(total, (long) Math.ceil(total * (value / 100.0)));
    }
    return Math.min(value, total);
  }

  /**
   * True when {@code failed} of {@code attempted} is more than tolerated, as Step Functions'
   * ToleratedFailureCount / ToleratedFailurePercentage judge a Map Run: exceeding fails, reaching
   * does not.
   */
  public boolean exceededBy(int failed, int attempted) {
    if (percent) {
      return attempted > 0 && failed * 100.0 / attempted > value;
    }
    return failed > value;
  }

  @Override
  public String toString() {
    return percent ? value + "%" : Integer.toString(value);
  }
}
