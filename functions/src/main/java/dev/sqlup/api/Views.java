package dev.sqlup.api;

import dev.sqlup.domain.Instance;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.json.Json;
import java.util.List;
import java.util.Map;

/** What clients see of the records: everything but internal bookkeeping (the request hash). */
final class Views {
  private Views() {}

  static Map<String, Object> instance(Instance instance) {
    return Json.toTree(instance);
  }

  static Map<String, Object> task(UpgradeTask task) {
    Map<String, Object> tree = Json.toTree(task);
    tree.remove("requestHash");
    return tree;
  }

  /** Records as their JSON trees, in order. */
  static List<Object> trees(List<?> records) {
    return records.stream().<Object>map(Json::toTree).toList();
  }
}
