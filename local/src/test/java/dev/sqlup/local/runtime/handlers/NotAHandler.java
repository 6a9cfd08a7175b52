package dev.sqlup.local.runtime.handlers;

/** Named as a handler in the bad fixture template: it implements neither handler interface. */
public final class NotAHandler {
  public String handleRequest(String in) {
    return in;
  }
}
