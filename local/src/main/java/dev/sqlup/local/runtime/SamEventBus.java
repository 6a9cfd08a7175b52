package dev.sqlup.local.runtime;

/** An {@code AWS::Events::EventBus}: its Name (the logical id when absent). */
public record SamEventBus(String logicalId, String name) {}
