package dev.sqlup.store;

/** Code {@code InvalidParameter}. */
public final class InvalidNextTokenException extends StoreException {
  public InvalidNextTokenException(String detail) {
    super(
        "InvalidParameter",
        String.format("nextToken is not a token this listing returned%s", detail));
  }
}
