package dev.sqlup.local.runtime;

import dev.sqlup.testing.Dynalite;

/**
 * Run in a child JVM by {@link LocalDynamoDbTest}: starts dynalite, prints its pid, then waits to
 * be killed.
 */
public final class DynaliteHolder {
  private DynaliteHolder() {}

  public static void main(String[] args) throws Exception {
    LocalDynamoDb db = LocalDynamoDb.start(Dynalite.projectRoot(), 0, null, line -> {});
    System.out.println("PID " + db.pid());
    System.out.flush();
    Thread.sleep(120_000);
  }
}
