package dev.sqlup.local.runtime;

/**
 * A service {@code serve} starts besides DynamoDB, the REST API and the schedules — the Step Functions
 * API is wired this way. Implementations are found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.sqlup.local.runtime.ServeExtension}. Started after the tables exist and
 * before the REST API; closed in reverse order on shutdown.
 */
public interface ServeExtension {
  /** What it is, for the startup summary ("Step Functions API"). */
  String name();

  /** Starts the service; the returned handle stops it. Throw {@link UserException} for a user error. */
  AutoCloseable start(ServeContext context) throws Exception;
}
