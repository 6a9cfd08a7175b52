package dev.sqlup.local.asl.model;

import java.time.Instant;

/**
 * What DescribeStateMachine returns. {@code type} is STANDARD or EXPRESS; status ACTIVE or
 * DELETING.
 */
public record StateMachineInfo(
    String stateMachineArn,
    String name,
    String definition,
    String roleArn,
    String type,
    String status,
    Instant creationDate,
    String revisionId) {}
