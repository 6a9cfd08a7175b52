package dev.sqlup.dataplane;

import java.util.List;
import java.util.Optional;

/**
 * The prepared target hosts a self-managed fleet's upgrades take (the sqlserver binding's pool), as
 * the API manages them: register, list, remove, and return a DIRTY host (one an upgrade was
 * compensated on) to the pool once it was cleaned. Failures callers tell apart are {@link Rejected}
 * with a stable code; {@link TransientDataPlaneException} when the pool cannot be reached.
 */
public interface TargetHosts {
  String AVAILABLE = "AVAILABLE";
  String CLAIMED = "CLAIMED";
  String DIRTY = "DIRTY";

  /**
   * One host; {@code pool} is {@code engineVersion|sqlEdition|instanceType}, {@code claimedBy} a
   * task id.
   */
  record Host(
      String hostId,
      String host,
      int port,
      String engineVersion,
      String sqlEdition,
      String instanceType,
      int memoryGib,
      String secretArn,
      String dataPath,
      String logPath,
      boolean trustServerCertificate,
      String status,
      String claimedBy,
      String pool) {}

  /**
   * Registers a host as AVAILABLE. Rejected {@code HostAlreadyRegistered} / {@code
   * InvalidParameter}.
   */
  Host register(Host host);

  List<Host> list();

  Optional<Host> find(String hostId);

  /** Removes a host that no upgrade holds. Rejected {@code HostNotFound} / {@code HostInUse}. */
  void delete(String hostId);

  /**
   * DIRTY → AVAILABLE after the operator cleaned the host. Rejected {@code HostNotFound} / {@code
   * HostNotDirty}.
   */
  Host returnToPool(String hostId);

  /** A refusal with a stable code; nothing was changed. */
  final class Rejected extends RuntimeException {
    private final String code;
    private final transient Host host;

    public Rejected(String code, String message, Host host) {
      super(message);
      this.code = code;
      this.host = host;
    }

    public String code() {
      return code;
    }

    public Host host() {
      return host;
    }
  }
}
