package dev.sqlup.domain;

import java.util.Arrays;
import java.util.Optional;

/** Network of an instance; instances on the classic network cannot be upgraded. */
public enum NetworkType {
  VPC,
  Classic;

  public static Optional<NetworkType> parse(String value) {
    return Arrays.stream(values()).filter(e -> e.name().equals(value)).findFirst();
  }
}
