package dev.sqlup.dataplane.sqlserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The guide's "do not modify instance metadata during the upgrade": compares the databases and
 * their recovery models recorded when the target was created with what the source holds now.
 */
public final class MetadataChange {
  private MetadataChange() {}

  /** A readable description of what changed, or null when nothing did. */
  public static String describe(Map<String, String> before, Map<String, String> now) {
    List<String> parts = new ArrayList<>();
    TreeSet<String> created = new TreeSet<>(now.keySet());
    created.removeAll(before.keySet());
    TreeSet<String> dropped = new TreeSet<>(before.keySet());
    dropped.removeAll(now.keySet());
    List<String> changed = new ArrayList<>();
    for (Map.Entry<String, String> entry : new java.util.TreeMap<>(before).entrySet()) {
      String current = now.get(entry.getKey());
      if (current != null && !current.equals(entry.getValue())) {
        changed.add(entry.getKey() + " " + entry.getValue() + "->" + current);
      }
    }
    if (!created.isEmpty()) {
      parts.add("databases created during the upgrade: " + created);
    }
    if (!dropped.isEmpty()) {
      parts.add("databases dropped or taken offline during the upgrade: " + dropped);
    }
    if (!changed.isEmpty()) {
      parts.add("recovery models changed: " + changed);
    }
    return parts.isEmpty() ? null : String.join("; ", parts);
  }

  /** Backup compression is not available on Web and Express editions. */
  public static boolean editionCompresses(String edition) {
    String lower = edition == null ? "" : edition.toLowerCase(Locale.ROOT);
    return !lower.contains("web") && !lower.contains("express");
  }
}
