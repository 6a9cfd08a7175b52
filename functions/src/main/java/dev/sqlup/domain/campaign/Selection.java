package dev.sqlup.domain.campaign;

import dev.sqlup.domain.Instance;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which instances a campaign upgrades: listed ids, and/or every instance carrying all the given
 * tags, and/or (a filter) every instance on one engine version. Criteria combine with AND; at least
 * one is set.
 */
public record Selection(List<String> instanceIds, Map<String, String> tags, String engineVersion) {
  public Selection {
    instanceIds = instanceIds == null ? List.of() : List.copyOf(instanceIds);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    if (instanceIds.isEmpty() && tags.isEmpty() && engineVersion == null) {
      throw new IllegalArgumentException("a selection needs instanceIds, tags or engineVersion");
    }
  }

  /**
   * What a selection found: the instances, in campaign order, and the listed ids no instance has.
   */
  public record Result(List<Instance> instances, List<String> missingIds) {}

  public boolean matches(Instance instance) {
    if (!instanceIds.isEmpty() && !instanceIds.contains(instance.instanceId())) {
      return false;
    }
    if (engineVersion != null && !engineVersion.equals(instance.engineVersion())) {
      return false;
    }
    return tags.entrySet().stream()
        .allMatch(t -> t.getValue().equals(instance.tags().get(t.getKey())));
  }

  /**
   * The matching instances of {@code fleet}: in the order of {@code instanceIds} when ids are
   * listed (the operator chose the canary by listing it first), otherwise by id, so a plan is
   * reproducible.
   */
  public Result select(Collection<Instance> fleet) {
    Map<String, Instance> byId = new LinkedHashMap<>();
    fleet.stream()
        .filter(this::matches)
        .sorted(Comparator.comparing(Instance::instanceId))
        .forEach(i -> byId.put(i.instanceId(), i));
    if (instanceIds.isEmpty()) {
      return new Result(List.copyOf(byId.values()), List.of());
    }
    List<Instance> ordered = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String id : instanceIds) {
      Instance i = byId.get(id);
      if (i != null) {
        ordered.add(i);
      } else if (fleet.stream().noneMatch(f -> f.instanceId().equals(id))) {
        missing.add(id);
      }
    }
    return new Result(ordered, missing);
  }
}
