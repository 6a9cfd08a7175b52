package dev.sqlup.workflow;

import dev.sqlup.domain.Catalogue;
import dev.sqlup.workflow.plan.CatchUpPolicy;
import dev.sqlup.workflow.plan.DatabasePlanner;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * What every phase handler works with: the store, the data planes, the (possibly virtual) clock,
 * the catch-up policy and the catalogue. Built once per Lambda container from {@code Services}. The
 * catalogue is read on first use: only the precheck and the target creation need it, and parsing it
 * is init work (15–20 ms in a fresh JVM) the other phases and the sweeper would pay for nothing.
 * {@code metricsNamespace} ({@code METRICS_NAMESPACE}, null when blank) is where the phases'
 * embedded-metric log lines go.
 */
public record Workflow(
    UpgradeRecords records,
    DataPlanes dataPlanes,
    Clock clock,
    CatchUpPolicy policy,
    Supplier<Catalogue> catalogues,
    String metricsNamespace) {

  /** Without custom metrics (tests): log lines stay plain JSON. */
  public Workflow(
      UpgradeRecords records,
      DataPlanes dataPlanes,
      Clock clock,
      CatchUpPolicy policy,
      Supplier<Catalogue> catalogues) {
    this(records, dataPlanes, clock, policy, catalogues, null);
  }

  public Catalogue catalogue() {
    return catalogues.get();
  }

  public DatabasePlanner planner() {
    return new DatabasePlanner(policy);
  }
}
