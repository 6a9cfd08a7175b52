package dev.sqlup.local.asl;

import java.util.Random;
import java.util.random.RandomGenerator;

/** A thread-safe seeded random source (retry jitter, States.UUID / MathRandom). */
final class SeededRandom implements RandomGenerator {
  private final Random random;

  SeededRandom(long seed) {
    this.random = new Random(seed);
  }

  @Override
  public synchronized long nextLong() {
    return random.nextLong();
  }
}
