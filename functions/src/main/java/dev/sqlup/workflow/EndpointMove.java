package dev.sqlup.workflow;

/**
 * The endpoint move and the opening of the databases ({@code $.endpoint}): the move's attempt round
 * (a failed move is started again under the next round), when the endpoint resolved to the target
 * for every client, when the old VIP's connections had migrated (the switch phase ends), the
 * opening's attempt round and when the databases were open to applications ({@code SET
 * MULTI_USER}). The downtime ends at the later of {@code switchedAt} and {@code openedAt}.
 * Executions started before the opening existed have neither (null, 0).
 */
public record EndpointMove(
    int round, String switchedAt, String connectionsMigratedAt, int openRound, String openedAt) {
  static final EndpointMove NOT_STARTED = new EndpointMove(0, null, null, 0, null);

  EndpointMove withRound(int newRound) {
    return new EndpointMove(newRound, switchedAt, connectionsMigratedAt, openRound, openedAt);
  }

  EndpointMove switched(java.time.Instant at) {
    return new EndpointMove(round, at.toString(), connectionsMigratedAt, openRound, openedAt);
  }

  EndpointMove withOpenRound(int newRound) {
    return new EndpointMove(round, switchedAt, connectionsMigratedAt, newRound, openedAt);
  }

  EndpointMove opened(java.time.Instant at) {
    return new EndpointMove(round, switchedAt, connectionsMigratedAt, openRound, at.toString());
  }

  EndpointMove migrated(java.time.Instant at) {
    return new EndpointMove(round, switchedAt, at.toString(), openRound, openedAt);
  }
}
