package dev.sqlup.workflow;

import dev.sqlup.config.DataPlaneBindings;
import dev.sqlup.config.DataPlaneMode;
import dev.sqlup.config.JsonLog;
import dev.sqlup.config.Services;
import dev.sqlup.dataplane.DataPlane;
import dev.sqlup.domain.EngineBinding;
import dev.sqlup.workflow.plan.CatchUpPolicy;
import java.util.Optional;

/**
 * Builds the {@link Workflow} of a Lambda container from {@link Services}: the store's repositories
 * and the data plane chosen by the instance's binding. The simulated binding keeps its state in
 * {@code FLEET_TABLE} and reads seeded faults from {@code SIM_FAULTS}.
 */
public final class WorkflowServices {
  private WorkflowServices() {}

  public static Workflow workflow(Services services) {
    return new Workflow(
        new StoreUpgradeRecords(services.instances(), services.tasks()),
        dataPlanes(services),
        services.clock(),
        CatchUpPolicy.DEFAULT,
        services::catalogue,
        services.envOrDefault(JsonLog.METRICS_NAMESPACE, null));
  }

  /** The data plane per binding; each is built on first use and kept for the container's life. */
  public static DataPlanes dataPlanes(Services services) {
    DataPlaneMode mode = DataPlaneMode.of(services);
    return new DataPlanes() {
      private BoundDataPlane simulated;
      private BoundDataPlane sqlserver;

      @Override
      public boolean accepts(String binding) {
        return mode.accepts(binding);
      }

      @Override
      public synchronized BoundDataPlane forBinding(String binding) {
        if (EngineBinding.SIMULATED.equals(binding) && !mode.accepts(binding)) {
          // An instance registered before the stack was switched to sqlserver, or written around
          // the API.
          throw new UpgradeFailedException("BindingUnavailable", mode.refusal(binding));
        }
        if (EngineBinding.SIMULATED.equals(binding)) {
          if (simulated == null) {
            DataPlane plane = DataPlaneBindings.simulated(services);
            simulated = new BoundDataPlane(plane, DataPlaneBindings.connectionsMigratedAt(plane));
          }
          return simulated;
        }
        if (EngineBinding.SQLSERVER.equals(binding)) {
          if (sqlserver == null) {
            sqlserver =
                new BoundDataPlane(
                    DataPlaneBindings.sqlServer(services), source -> Optional.empty());
          }
          return sqlserver;
        }
        throw new UpgradeFailedException(
            "BindingUnavailable",
            "unknown data plane binding '"
                + binding
                + "' (known: "
                + EngineBinding.SIMULATED
                + ", "
                + EngineBinding.SQLSERVER
                + ")");
      }
    };
  }
}
