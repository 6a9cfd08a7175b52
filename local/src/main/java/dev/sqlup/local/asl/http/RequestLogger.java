package dev.sqlup.local.asl.http;

import java.io.PrintStream;

/** Receives one entry per HTTP request the server answers. Implementations must be thread-safe. */
@FunctionalInterface
public interface RequestLogger {

  RequestLogger NONE = entry -> {};

  void log(RequestLogEntry entry);

  /** Writes {@link RequestLogEntry#line()} to {@code out}, one line per request. */
  static RequestLogger to(PrintStream out) {
    return entry -> out.println(entry.line());
  }
}
