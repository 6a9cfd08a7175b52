package dev.sqlup.dataplane;

import java.math.BigInteger;

/**
 * A SQL Server log sequence number as msdb stores it: numeric(25,0). Compared numerically; equality
 * of the target's last restored LSN and the source's tail-log last LSN proves nothing was lost.
 */
public record Lsn(BigInteger value) implements Comparable<Lsn> {
  public static final Lsn ZERO = new Lsn(BigInteger.ZERO);

  public Lsn {
    if (value == null || value.signum() < 0) {
      throw new IllegalArgumentException("LSN must be a non-negative number");
    }
  }

  public static Lsn of(long value) {
    return new Lsn(BigInteger.valueOf(value));
  }

  public static Lsn parse(String text) {
    return new Lsn(new BigInteger(text.trim()));
  }

  @Override
  public int compareTo(Lsn other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
