package dev.sqlup.store;

/** Code {@code InstanceNotFound}. */
public final class InstanceNotFoundException extends StoreException {
  public InstanceNotFoundException(String instanceId) {
    super("InstanceNotFound", String.format("instance %s does not exist", instanceId));
  }
}
