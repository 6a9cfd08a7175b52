package dev.sqlup.dataplane;

import java.time.Instant;

/**
 * The endpoint record's TTL lowered ahead of the switch: clients may hold answers cached with
 * {@code cachedTtlSeconds} until {@code loweredAt} plus that TTL; after it every client re-resolves
 * within {@code ttlSeconds}, so the endpoint move then reaches them that much sooner.
 */
public record EndpointTtl(long cachedTtlSeconds, long ttlSeconds, Instant loweredAt) {
  /** When no client can hold an answer with the old TTL any more. */
  public Instant oldAnswersExpireAt() {
    return loweredAt.plusSeconds(cachedTtlSeconds);
  }
}
