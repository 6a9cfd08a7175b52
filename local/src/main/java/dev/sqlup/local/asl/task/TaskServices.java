package dev.sqlup.local.asl.task;

import dev.sqlup.local.asl.model.DynamoDbEndpoint;
import dev.sqlup.local.asl.model.EventsListener;
import dev.sqlup.local.asl.model.TaskInvoker;

/**
 * The outside world task resources call; any but {@code executions} may be null when not
 * configured.
 */
public record TaskServices(
    TaskInvoker invoker,
    DynamoDbEndpoint dynamoDb,
    EventsListener events,
    NestedExecutions executions) {}
