package dev.sqlup.store;

/** Code {@code InstanceAlreadyExists}. */
public final class InstanceAlreadyExistsException extends StoreException {
  public InstanceAlreadyExistsException(String instanceId) {
    super("InstanceAlreadyExists", String.format("instance %s is already registered", instanceId));
  }
}
