package dev.sqlup.local.asl.state;

/** Unwinds a branch whose execution was stopped, timed out, or whose sibling branch failed. */
public final class ExecutionStopped extends RuntimeException {
  public ExecutionStopped() {
    super("stopped", null, false, false);
  }
}
