package dev.sqlup.testing;

import dev.sqlup.domain.UpgradeTask;
import dev.sqlup.json.Json;

/**
 * The running task {@code up-example-task} of rm-guide-1 that the task events in {@code events/}
 * name.
 */
public final class ExampleTask {
  private ExampleTask() {}

  public static UpgradeTask running() {
    return Json.read(
        """
        {"taskId": "up-example-task", "instanceId": "rm-guide-1", "status": "Running",
         "currentStep": "restoreFull", "progress": 40, "remainingSeconds": 7000,
         "source": {"engineVersion": "2019", "sqlEdition": "Standard", "rdsEdition": "HighAvailability",
                    "instanceType": "mssql.x4.large"},
         "target": {"engineVersion": "2022", "sqlEdition": "Standard", "rdsEdition": "HighAvailability",
                    "instanceType": "mssql.x4.large"},
         "switchTime": "Immediate", "createdAt": "2026-03-01T00:00:00.000Z", "requestHash": "x"}
        """,
        UpgradeTask.class);
  }
}
