package dev.sqlup.domain;

/** A DTS-like replication task attached to an instance; active ones stop during an upgrade. */
public record ReplicationTask(String id, String status) {
  public boolean isActive() {
    return "Running".equals(status);
  }
}
