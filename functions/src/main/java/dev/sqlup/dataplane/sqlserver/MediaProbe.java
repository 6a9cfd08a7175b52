package dev.sqlup.dataplane.sqlserver;

/**
 * Whether the files of a backup can still be read (retention may have deleted them since msdb
 * recorded it).
 */
@FunctionalInterface
public interface MediaProbe {
  boolean reachable(MediaSet media);
}
