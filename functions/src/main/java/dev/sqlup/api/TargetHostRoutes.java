package dev.sqlup.api;

import dev.sqlup.dataplane.TargetHosts;
import dev.sqlup.dataplane.TransientDataPlaneException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** What the target-host routes share: the host's view and the pool's refusals as API errors. */
final class TargetHostRoutes {
  private TargetHostRoutes() {}

  static <T> T call(Supplier<T> work) {
    try {
      return work.get();
    } catch (TargetHosts.Rejected e) {
      int status =
          switch (e.code()) {
            case "HostNotFound" -> 404;
            case "InvalidParameter" -> 400;
            default -> 409;
          };
      Map<String, String> extra = e.host() == null ? null : Map.of("hostId", e.host().hostId());
      throw new ApiException(
          status,
          e.code(),
          e.code().equals("HostAlreadyRegistered") ? "hostId" : null,
          e.getMessage(),
          extra);
    } catch (TransientDataPlaneException e) {
      throw new ApiException(
          503, "ServiceUnavailable", null, "the target host pool is unavailable; retry", null);
    }
  }

  static Map<String, Object> view(TargetHosts.Host host) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("hostId", host.hostId());
    view.put("host", host.host());
    view.put("port", host.port());
    view.put("engineVersion", host.engineVersion());
    view.put("sqlEdition", host.sqlEdition());
    view.put("instanceType", host.instanceType());
    view.put("memoryGib", host.memoryGib());
    view.put("secretArn", host.secretArn());
    view.put("dataPath", host.dataPath());
    view.put("logPath", host.logPath());
    view.put("trustServerCertificate", host.trustServerCertificate());
    view.put("status", host.status());
    if (host.claimedBy() != null) {
      view.put("claimedBy", host.claimedBy());
    }
    view.put("pool", host.pool());
    return view;
  }
}
