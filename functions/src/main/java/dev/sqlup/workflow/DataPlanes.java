package dev.sqlup.workflow;

import dev.sqlup.domain.EngineBinding;
import dev.sqlup.domain.Instance;

/**
 * Chooses the data plane of an instance by its {@code engine.binding} ({@code simulated} by
 * default).
 */
@FunctionalInterface
public interface DataPlanes {
  BoundDataPlane forBinding(String binding);

  /**
   * Whether this stack runs instances with that binding ({@code DATA_PLANE}); tests' planes accept
   * all.
   */
  default boolean accepts(String binding) {
    return true;
  }

  default BoundDataPlane of(Instance instance) {
    String binding =
        instance.engine() == null ? EngineBinding.SIMULATED : instance.engine().binding();
    return forBinding(binding);
  }
}
