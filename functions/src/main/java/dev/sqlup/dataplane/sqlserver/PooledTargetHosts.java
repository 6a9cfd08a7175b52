package dev.sqlup.dataplane.sqlserver;

import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.dataplane.TargetHosts;
import dev.sqlup.dataplane.TransientDataPlaneException;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

/** {@link TargetHosts} over the sqlserver binding's {@link TargetHostPool} table. */
public final class PooledTargetHosts implements TargetHosts {
  private final TargetHostPool pool;

  public PooledTargetHosts(TargetHostPool pool) {
    this.pool = pool;
  }

  @Override
  public Host register(Host host) {
    try {
      return view(
          pool.register(
              new TargetHost(
                  host.hostId(),
                  host.host(),
                  host.port(),
                  host.engineVersion(),
                  host.sqlEdition(),
                  host.instanceType(),
                  host.memoryGib(),
                  host.secretArn(),
                  host.dataPath(),
                  host.logPath(),
                  host.trustServerCertificate(),
                  null,
                  null)));
    } catch (TargetHostPool.HostAlreadyRegisteredException e) {
      throw new Rejected(
          "HostAlreadyRegistered",
          "hostId " + host.hostId() + " is already registered",
          view(e.existing()));
    } catch (PermanentDataPlaneException e) {
      // "CODE: message" from TargetHost validation (names and paths that cannot go into T-SQL)
      String message = e.getMessage();
      int colon = message.indexOf(':');
      throw new Rejected(
          "InvalidParameter", colon > 0 ? message.substring(colon + 1).trim() : message, null);
    }
  }

  @Override
  public List<Host> list() {
    return guarded(() -> pool.all().stream().map(PooledTargetHosts::view).toList());
  }

  @Override
  public Optional<Host> find(String hostId) {
    return guarded(() -> pool.byId(hostId).map(PooledTargetHosts::view));
  }

  @Override
  public void delete(String hostId) {
    TargetHost host = existing(hostId);
    if (!guarded(() -> pool.deleteUnclaimed(host.poolKey(), hostId))) {
      throw new Rejected(
          "HostInUse",
          "host "
              + hostId
              + " is held by upgrade "
              + existing(hostId).claimedBy()
              + "; it can be removed once the upgrade has finished",
          view(host));
    }
  }

  @Override
  public Host returnToPool(String hostId) {
    TargetHost host = existing(hostId);
    if (!guarded(() -> pool.returnDirty(host.poolKey(), hostId))) {
      throw new Rejected(
          "HostNotDirty",
          "host "
              + hostId
              + " is "
              + host.status()
              + "; only a DIRTY host is returned "
              + "to the pool",
          view(host));
    }
    return view(host.withStatus(TargetHost.AVAILABLE, null));
  }

  private TargetHost existing(String hostId) {
    return guarded(() -> pool.byId(hostId))
        .orElseThrow(() -> new Rejected("HostNotFound", "no target host " + hostId, null));
  }

  private static <T> T guarded(java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (SdkException e) {
      throw new TransientDataPlaneException("POOL_UNAVAILABLE: " + e.getMessage(), e);
    }
  }

  private static Host view(TargetHost h) {
    return new Host(
        h.hostId(),
        h.host(),
        h.port(),
        h.engineVersion(),
        h.sqlEdition(),
        h.instanceType(),
        h.memoryGib(),
        h.secretArn(),
        h.dataPath(),
        h.logPath(),
        h.trustServerCertificate(),
        h.status(),
        h.claimedBy(),
        h.poolKey());
  }
}
