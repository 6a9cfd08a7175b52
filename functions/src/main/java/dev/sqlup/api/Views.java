package dev.sqlup.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.store.Json;

/** What clients see of the records: everything but internal bookkeeping (the request hash). */
final class Views {
  private Views() {}

  static ObjectNode instance(Instance instance) {
    return Json.MAPPER.valueToTree(instance);
  }

  static ObjectNode task(UpgradeTask task) {
    ObjectNode node = Json.MAPPER.valueToTree(task);
    node.remove("requestHash");
    return node;
  }
}
