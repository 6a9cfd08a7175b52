package dev.sqlup.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * SQL Server editions in upgrade order: an upgrade may only move right (Web → Standard →
 * Enterprise).
 */
public enum SqlEdition {
  Web,
  Standard,
  Enterprise;

  public static Optional<SqlEdition> parse(String value) {
    return Arrays.stream(values()).filter(e -> e.name().equals(value)).findFirst();
  }
}
