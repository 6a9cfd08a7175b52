package dev.sqlup.store;

/** Code {@code ConcurrentModification}. */
public final class StaleVersionException extends StoreException {
  public StaleVersionException(String what) {
    super(
        "ConcurrentModification",
        String.format("%s was changed by someone else; read it again", what));
  }
}
