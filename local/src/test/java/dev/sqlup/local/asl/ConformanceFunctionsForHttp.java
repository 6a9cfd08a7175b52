package dev.sqlup.local.asl;

import java.time.Instant;

/**
 * Gives the HTTP suites ({@code dev.sqlup.local.asl.http}) an engine wired to the conformance
 * suite's test Lambda functions ({@link ConformanceFunctions}, package-private here), so that the
 * cases that call functions run through the HTTP API too.
 */
public final class ConformanceFunctionsForHttp {
  private ConformanceFunctionsForHttp() {}

  /** A virtual-time, in-memory engine whose Lambda resources are the conformance functions. */
  public static LocalStepFunctions engine(Instant virtualStart) {
    ConformanceFunctions functions = new ConformanceFunctions();
    LocalStepFunctions engine =
        LocalStepFunctions.builder().virtualStart(virtualStart).taskInvoker(functions).build();
    functions.bind(engine);
    return engine;
  }
}
