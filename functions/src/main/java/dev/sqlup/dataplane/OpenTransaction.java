package dev.sqlup.dataplane;

import java.time.Instant;

/** An open transaction on the source: its database, the session holding it and when it began. */
public record OpenTransaction(String database, String session, Instant startedAt) {}
