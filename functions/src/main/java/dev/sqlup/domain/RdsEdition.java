package dev.sqlup.domain;

import java.util.Arrays;
import java.util.Optional;

/** RDS editions in upgrade order: Basic → HighAvailability → Cluster, never back. */
public enum RdsEdition {
  Basic,
  HighAvailability,
  Cluster;

  public static Optional<RdsEdition> parse(String value) {
    return Arrays.stream(values()).filter(e -> e.name().equals(value)).findFirst();
  }
}
