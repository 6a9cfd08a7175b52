package dev.sqlup.dataplane.sqlserver;

import dev.sqlup.dataplane.Lsn;
import dev.sqlup.dataplane.PermanentDataPlaneException;
import java.math.BigInteger;

/**
 * Converts the {@code vlf:block:slot} hexadecimal LSN text of {@code
 * sys.dm_db_log_stats.log_end_lsn}
 * (https://learn.microsoft.com/en-us/sql/relational-databases/system-dynamic-management-views/sys-dm-db-log-stats-transact-sql)
 * to the numeric(25,0) form msdb uses in {@code backupset.first_lsn/last_lsn}: VLF sequence number,
 * then the block offset padded to 10 digits, then the slot padded to 5 digits.
 */
public final class LsnText {
  private static final BigInteger BLOCK_FACTOR = BigInteger.TEN.pow(5);
  private static final BigInteger VLF_FACTOR = BigInteger.TEN.pow(15);

  private LsnText() {}

  public static Lsn fromHexTriple(String text) {
    String[] parts = text == null ? new String[0] : text.trim().split(":");
    if (parts.length != 3) {
      throw new PermanentDataPlaneException("INVALID_LSN: expected vlf:block:slot, got " + text);
    }
    try {
      BigInteger vlf = new BigInteger(parts[0], 16);
      BigInteger block = new BigInteger(parts[1], 16);
      BigInteger slot = new BigInteger(parts[2], 16);
      if (block.compareTo(BigInteger.TEN.pow(10)) >= 0 || slot.compareTo(BLOCK_FACTOR) >= 0) {
        throw new PermanentDataPlaneException("INVALID_LSN: block or slot out of range in " + text);
      }
      return new Lsn(vlf.multiply(VLF_FACTOR).add(block.multiply(BLOCK_FACTOR)).add(slot));
    } catch (NumberFormatException e) {
      throw new PermanentDataPlaneException("INVALID_LSN: not hexadecimal: " + text);
    }
  }
}
