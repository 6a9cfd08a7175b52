package dev.sqlup.workflow;

import dev.sqlup.domain.Catalogue;
import dev.sqlup.workflow.plan.CatchUpPolicy;
import dev.sqlup.workflow.plan.DatabasePlanner;
import java.time.Clock;

/**
 * What every phase handler works with: the store, the data planes, the (possibly virtual) clock, the
 * catch-up policy and the catalogue. Built once per Lambda container from {@code Services}.
 */
public record Workflow(UpgradeRecords records, DataPlanes dataPlanes, Clock clock, CatchUpPolicy policy,
    Catalogue catalogue) {

  public DatabasePlanner planner() {
    return new DatabasePlanner(policy);
  }
}
