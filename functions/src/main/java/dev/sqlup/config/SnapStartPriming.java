package dev.sqlup.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * A handler's SnapStart priming: read-only steps that run its first-request path (SDK request and
 * response marshalling, the HTTP connection code, Jackson for its payload types, the domain
 * classes) in {@link #beforeCheckpoint}, so the snapshot Lambda takes when it publishes a version
 * holds them loaded and initialised
 * (docs.aws.amazon.com/lambda/latest/dg/snapstart-best-practices.html, "priming").
 *
 * <p>Outside a CRaC JVM (a classic cold start, tests, the local runtime) {@link #register()} does
 * nothing and the steps never run, so priming adds nothing to a classic cold start. Steps must not
 * write: each reads a key that does not exist, or answers a request that is refused before any
 * write. A step that fails is logged and skipped: priming is an optimisation and must never fail
 * the snapshot.
 */
public final class SnapStartPriming implements Resource {
  /**
   * A key no instance, task or operation has (ids are [a-z0-9-]; the store never creates this one).
   */
  public static final String MISSING_ID = "sqlup-snapstart-priming";

  /** A handler with a priming (every handler of template.yaml). */
  public interface Primed {
    SnapStartPriming priming();
  }

  /** One read-only step; throws when the path did not answer as expected. */
  @FunctionalInterface
  public interface Step {
    void run() throws Exception;
  }

  private final String name;
  private final Map<String, Step> steps = new LinkedHashMap<>();
  private final List<String> failures = new ArrayList<>();
  private int runs;

  public SnapStartPriming(String name) {
    this.name = name;
  }

  /** Adds a step; steps run in the order added. */
  public SnapStartPriming step(String description, Step step) {
    steps.put(description, step);
    return this;
  }

  /**
   * Registers with the global CRaC context (Lambda's SnapStart runtime calls it before the
   * snapshot). The context holds resources weakly: the handler keeps this object in a field.
   */
  public SnapStartPriming register() {
    Core.getGlobalContext().register(this);
    return this;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    prime();
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // Nothing to refresh: clients re-open connections themselves, and no handler caches time or
    // randomness.
  }

  /**
   * Runs every step once; returns the failures of this run ("step: error"), also logged to stderr.
   */
  public synchronized List<String> prime() {
    runs++;
    List<String> failed = new ArrayList<>();
    steps.forEach(
        (description, step) -> {
          try {
            step.run();
          } catch (Exception | LinkageError e) {
            failed.add(description + ": " + e);
          }
        });
    failures.clear();
    failures.addAll(failed);
    failed.forEach(
        f -> System.err.println("SnapStart priming of " + name + ": step failed (skipped): " + f));
    return List.copyOf(failed);
  }

  public String name() {
    return name;
  }

  /** The steps' descriptions, in order. */
  public List<String> steps() {
    return List.copyOf(steps.keySet());
  }

  /** How many times the steps ran (0 in a classic cold start). */
  public synchronized int runs() {
    return runs;
  }

  /** The failures of the last run. */
  public synchronized List<String> failures() {
    return List.copyOf(failures);
  }
}
