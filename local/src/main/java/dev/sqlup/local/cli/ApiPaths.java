package dev.sqlup.local.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The API's routes as the client commands call them (docs/api.md), in one place so that a route and
 * the encoding of its path parameters are written once.
 */
final class ApiPaths {
  private ApiPaths() {}

  static String instances() {
    return "/instances";
  }

  static String instance(String instanceId) {
    return "/instances/" + enc(instanceId);
  }

  static String upgradeOptions(String instanceId) {
    return "/instances/" + enc(instanceId) + "/upgrade-options";
  }

  static String upgrades(String instanceId) {
    return "/instances/" + enc(instanceId) + "/upgrades";
  }

  static String task(String taskId) {
    return "/tasks/" + enc(taskId);
  }

  static String switchover(String taskId) {
    return "/tasks/" + enc(taskId) + "/switchover";
  }

  static String tasksOf(String instanceId) {
    return "/instances/" + enc(instanceId) + "/tasks";
  }

  static String targetHosts() {
    return "/target-hosts";
  }

  static String targetHost(String hostId) {
    return "/target-hosts/" + enc(hostId);
  }

  /** A path parameter: URL-encoded, a space as %20 (not +). */
  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
