package dev.sqlup.local.asl.state.fields;

import java.util.List;

/** The Retry and Catch fields of a state, in definition order (the first match wins). */
public record ErrorHandling(List<Retrier> retriers, List<Catcher> catchers) {
  public static final ErrorHandling NONE = new ErrorHandling(List.of(), List.of());

  /** Index of the first retrier matching {@code error}, or -1. */
  public int retrierFor(String error) {
    for (int i = 0; i < retriers.size(); i++) {
      if (retriers.get(i).errorEquals().matches(error)) {
        return i;
      }
    }
    return -1;
  }

  public Catcher catcherFor(String error) {
    for (Catcher catcher : catchers) {
      if (catcher.errorEquals().matches(error)) {
        return catcher;
      }
    }
    return null;
  }
}
