package dev.sqlup.local.runtime;

import java.util.concurrent.atomic.AtomicReference;

/** Registered through META-INF/services in the test classpath: proves serve starts and stops extensions. */
public final class RecordingServeExtension implements ServeExtension {
  public static final AtomicReference<ServeContext> STARTED = new AtomicReference<>();
  public static final AtomicReference<Boolean> CLOSED = new AtomicReference<>(false);

  @Override
  public String name() {
    return "Recording extension";
  }

  @Override
  public AutoCloseable start(ServeContext context) {
    STARTED.set(context);
    CLOSED.set(false);
    return () -> CLOSED.set(true);
  }
}
