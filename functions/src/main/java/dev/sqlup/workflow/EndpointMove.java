package dev.sqlup.workflow;

/**
 * The endpoint move ({@code $.endpoint}): the attempt round (a failed move is started again under
 * the next round: after the move began the workflow only rolls forward), when the endpoint resolved
 * to the target (downtime ends) and when the old VIP's connections had migrated (the switch phase
 * ends).
 */
public record EndpointMove(int round, String switchedAt, String connectionsMigratedAt) {}
