package dev.sqlup.store;

/** A store outcome callers must tell apart; {@code code} is the stable error code the API shows. */
public class StoreException extends RuntimeException {
  private final String code;

  public StoreException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
