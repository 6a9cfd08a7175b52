package dev.sqlup.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The endpoint move ({@code $.endpoint}): the attempt round (a failed move is started again under the
 * next round: after the move began the workflow only rolls forward), when the endpoint resolved to the
 * target (downtime ends) and when the old VIP's connections had migrated (the switch phase ends).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointMove(int round, String switchedAt, String connectionsMigratedAt) {}
