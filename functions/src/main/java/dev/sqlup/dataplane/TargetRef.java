package dev.sqlup.dataplane;

/** The new instance created for an upgrade: where it runs (host/VIP and port) and its engine. */
public record TargetRef(
    String targetId,
    String instanceId,
    String host,
    int port,
    String engineVersion,
    String sqlEdition,
    String binding) {}
