package dev.sqlup.dataplane.simulated;

import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.dataplane.OperationStatus;
import dev.sqlup.dataplane.TargetSpec;
import dev.sqlup.store.TableDefinitions;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A fresh fleet table in dynalite, a movable clock and helpers shared by the simulator tests. */
final class SimulatorFixture {
  static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  static final String TASK = "task-1";

  final DynamoDbClient dynamo;
  final String table;
  final MutableClock clock = new MutableClock(T0);

  SimulatorFixture(DynamoDbClient dynamo) {
    this.dynamo = dynamo;
    this.table = "fleet-" + UUID.randomUUID();
    TableDefinitions.createAll(
        dynamo, java.util.List.of(FleetTableDefinition.createTableRequest(table)));
  }

  SimulatedDataPlane plane(FaultPlan faults) {
    return new SimulatedDataPlane(dynamo, table, clock, faults);
  }

  SimulatedDataPlane plane() {
    return plane(FaultPlan.NONE);
  }

  static InstanceRef instance(String id, String edition, String simulationJson) {
    return new InstanceRef(
        id,
        "simulated",
        "15.00",
        edition,
        id + ".db.local",
        1433,
        id + ".sqlup.internal",
        "arn:aws:secretsmanager:us-east-1:111122223333:secret:" + id,
        simulationJson == null ? Map.of() : Map.of(SourceProfile.PROPERTY, simulationJson));
  }

  static TargetSpec spec(String edition) {
    return new TargetSpec(
        "16.00",
        edition,
        "HighAvailability",
        "mssql.x4.large.s2",
        4,
        8,
        4000,
        Map.of("team", "sales"));
  }

  static OperationKey key(OperationKind kind, String database, int round) {
    return new OperationKey(TASK, kind, database, round);
  }

  static OperationKey key(OperationKind kind) {
    return OperationKey.of(TASK, kind);
  }

  /** Moves the clock to the end of the operation (from its returned schedule) and polls it. */
  OperationStatus finish(SimulatedDataPlane plane, dev.sqlup.dataplane.Operation operation) {
    Instant end = operation.startedAt().plusSeconds(operation.expectedSeconds());
    if (end.isAfter(clock.instant())) {
      clock.set(end);
    }
    return plane.poll(operation.key());
  }
}
