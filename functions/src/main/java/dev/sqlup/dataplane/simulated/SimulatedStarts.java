package dev.sqlup.dataplane.simulated;

import static dev.sqlup.dataplane.simulated.SimulatedHosts.MAX_CONFLICT_RETRIES;
import static dev.sqlup.dataplane.simulated.SimulatedHosts.contention;

import dev.sqlup.dataplane.BackupRef;
import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.Operation;
import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.OperationStatus;
import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.dataplane.TargetRef;
import dev.sqlup.dataplane.TransientDataPlaneException;
import dev.sqlup.dataplane.simulated.FleetStore.Versioned;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The one way an operation starts and is polled. Each start fixes the operation's schedule at once,
 * in the same conditional write on its host document that reserves the host's channel; a repeated
 * start returns the operation already planned. Configured faults refuse, slow down or fail a start
 * here.
 */
final class SimulatedStarts {
  /**
   * Plans older than this leave the host document (their operation items stay, so starts stay
   * idempotent).
   */
  private static final long PLAN_RETENTION_MILLIS = Duration.ofDays(7).toMillis();

  private final FleetStore store;
  private final Clock clock;
  private final SimulatedHosts hosts;

  SimulatedStarts(FleetStore store, Clock clock, SimulatedHosts hosts) {
    this.store = store;
    this.clock = clock;
    this.hosts = hosts;
  }

  /** Plans one operation against a host document, mutating it; throws to refuse the start. */
  @FunctionalInterface
  interface Planner<D> {
    Plan plan(D doc, long now, FaultPlan fault);
  }

  Operation startOnSource(
      OperationKey key, InstanceRef source, SourceProfile profile, Planner<SourceDoc> planner) {
    hosts.source(source, profile);
    return start(
        key,
        FleetStore.instancePk(source.instanceId()),
        FleetStore.SOURCE_SK,
        SourceDoc.class,
        () -> {
          throw new IllegalStateException("source document vanished");
        },
        doc -> doc.ops,
        doc -> hosts.faultsOf(profile),
        (doc, now, fault) -> {
          Plan plan = planner.plan(doc, now, fault);
          if (!plan.failed()) {
            doc.countEffect(key.kind().name());
          }
          return plan;
        });
  }

  Operation startOnTarget(OperationKey key, TargetRef target, Planner<TargetDoc> planner) {
    String sk = FleetStore.targetSk(target.targetId());
    return start(
        key,
        FleetStore.instancePk(target.instanceId()),
        sk,
        TargetDoc.class,
        () -> {
          throw new PermanentDataPlaneException("TARGET_NOT_FOUND: " + target.targetId());
        },
        doc -> doc.ops,
        doc -> hosts.targetFaults(doc.profileFaults),
        (doc, now, fault) -> {
          if (!doc.liveAt(now)) {
            throw new PermanentDataPlaneException(
                "TARGET_NOT_FOUND: " + target.targetId() + " was dropped");
          }
          return planner.plan(doc, now, fault);
        });
  }

  /**
   * The one start path: an existing operation is returned as is; otherwise fault checks, then plan
   * and write the host document under its version (retrying on conflict), then the operation item.
   */
  <D> Operation start(
      OperationKey key,
      String pk,
      String sk,
      Class<D> type,
      java.util.function.Supplier<D> fresh,
      java.util.function.Function<D, Map<String, Plan>> opsOf,
      java.util.function.Function<D, FaultPlan> faultsOf,
      Planner<D> planner) {
    Optional<Plan> existing = store.operation(key);
    if (existing.isPresent()) {
      return operation(existing.get());
    }
    boolean faultsChecked = false;
    for (int attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      Optional<Versioned<D>> read = store.get(pk, sk, type);
      D doc = read.map(Versioned::doc).orElseGet(fresh);
      long version = read.map(Versioned::version).orElse(0L);
      Plan planned = opsOf.apply(doc).get(key.render());
      if (planned != null) {
        // The host took the operation but its item was not written (a crash in between): finish
        // that.
        store.putOperation(planned);
        return operation(planned);
      }
      FaultPlan fault = faultsOf.apply(doc);
      if (!faultsChecked) {
        checkStartFaults(key, fault);
        faultsChecked = true;
      }
      long now = clock.millis();
      Plan plan = planner.plan(doc, now, fault);
      opsOf.apply(doc).values().removeIf(old -> old.endAt() < now - PLAN_RETENTION_MILLIS);
      opsOf.apply(doc).put(key.render(), plan);
      if (store.put(pk, sk, doc, version)) {
        store.putOperation(plan);
        return operation(plan);
      }
    }
    throw contention(pk + "/" + sk);
  }

  private void checkStartFaults(OperationKey key, FaultPlan fault) {
    if (fault.rejectsStart(key)) {
      throw new PermanentDataPlaneException(
          "SIMULATED_PERMANENT: start of " + key.render() + " refused");
    }
    if (fault.hasTransientFaults()) {
      long attempt = store.nextAttempt(key, "start");
      if (fault.transientOnStart(key, attempt)) {
        throw new TransientDataPlaneException(
            "SIMULATED_TRANSIENT: start attempt " + attempt + " of " + key.render());
      }
    }
  }

  /** Compares the operation's fixed schedule with the clock: polling never changes anything. */
  OperationStatus poll(OperationKey key) {
    Plan plan =
        store
            .operation(key)
            .orElseThrow(
                () -> new PermanentDataPlaneException("UNKNOWN_OPERATION: " + key.render()));
    if (plan.transientProbability() > 0) {
      FaultPlan pollFaults =
          new FaultPlan(
              plan.faultSeed(),
              plan.transientProbability(),
              0,
              0,
              1,
              Optional.empty(),
              Optional.empty());
      long attempt = store.nextAttempt(key, "poll");
      if (pollFaults.transientOnPoll(key, attempt)) {
        throw new TransientDataPlaneException(
            "SIMULATED_TRANSIENT: poll " + attempt + " of " + key.render());
      }
    }
    long now = clock.millis();
    if (now < plan.endAt()) {
      long span = plan.endAt() - plan.startAt();
      double percent =
          now <= plan.startAt() || span == 0 ? 0 : 100.0 * (now - plan.startAt()) / span;
      return new OperationStatus(
          key,
          OperationStatus.State.RUNNING,
          percent,
          ceilSeconds(plan.endAt() - now),
          null,
          null,
          null);
    }
    if (plan.failed()) {
      return new OperationStatus(
          key, OperationStatus.State.FAILED, 100, 0, null, null, plan.error());
    }
    return new OperationStatus(
        key, OperationStatus.State.SUCCEEDED, 100, 0, plan.backup(), plan.target(), null);
  }

  /**
   * When an operation that starts at {@code start} ends: its fixed {@code overhead} runs at once,
   * its bytes (the rest of {@code duration}) wait for the channel to be free.
   */
  static long queuedEnd(long start, Duration overhead, long duration, long channelFreeAt) {
    long overheadMillis = Math.min(overhead.toMillis(), duration);
    return Math.max(start + overheadMillis, channelFreeAt) + (duration - overheadMillis);
  }

  static long slowed(Duration duration, OperationKey key, FaultPlan fault) {
    return Math.round(duration.toMillis() * fault.slowdown(key));
  }

  static Plan succeeded(
      OperationKey key,
      long now,
      long start,
      long end,
      BackupRef backup,
      TargetRef target,
      FaultPlan fault) {
    return new Plan(
        key,
        now,
        start,
        end,
        false,
        null,
        backup,
        target,
        fault.seed(),
        fault.transientProbability());
  }

  /**
   * A drawn permanent failure: the operation holds its channel until it fails halfway and leaves no
   * effect (no chain advance, no freeze).
   */
  static Plan failed(
      OperationKey key, long now, long start, long duration, Object host, FaultPlan fault) {
    long failAt = start + duration / 2;
    if (host instanceof SourceDoc source) {
      source.backupChannelFreeAt = failAt;
    } else if (host instanceof TargetDoc target) {
      target.restoreChannelFreeAt = failAt;
    }
    return new Plan(
        key,
        now,
        start,
        failAt,
        true,
        "SIMULATED_PERMANENT: " + key.kind() + " failed on " + key.database(),
        null,
        null,
        fault.seed(),
        fault.transientProbability());
  }

  static Operation operation(Plan plan) {
    return new Operation(
        plan.key(),
        Instant.ofEpochMilli(plan.startAt()),
        ceilSeconds(plan.endAt() - plan.startAt()));
  }

  static long ceilSeconds(long millis) {
    return (millis + 999) / 1000;
  }
}
