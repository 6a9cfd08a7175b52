package dev.sqlup.local.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One API Gateway resource + method bound to a function: {@code /instances/{instanceId}} matches
 * one segment per parameter, a trailing {@code {proxy+}} matches one or more segments.
 */
public record ApiRoute(String resource, String method, String functionLogicalId) {

  /** Path parameters when {@code path} matches (empty map for a static match), else null. */
  public Map<String, String> match(List<String> segments) {
    List<String> pattern = segments(resource);
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < pattern.size(); i++) {
      String p = pattern.get(i);
      if (p.startsWith("{") && p.endsWith("+}")) {
        if (i >= segments.size() || i != pattern.size() - 1) {
          return null;
        }
        params.put(
            p.substring(1, p.length() - 2), String.join("/", segments.subList(i, segments.size())));
        return params;
      }
      if (i >= segments.size()) {
        return null;
      }
      if (p.startsWith("{") && p.endsWith("}")) {
        params.put(p.substring(1, p.length() - 1), segments.get(i));
      } else if (!p.equals(segments.get(i))) {
        return null;
      }
    }
    return pattern.size() == segments.size() ? params : null;
  }

  /**
   * How specific the route is, as API Gateway prefers: static segments over {@code {param}} over
   * {@code {proxy+}}, then an exact method over {@code ANY}.
   */
  public int specificity() {
    int score = 0;
    for (String p : segments(resource)) {
      score = score * 4 + (p.endsWith("+}") ? 1 : p.startsWith("{") ? 2 : 3);
    }
    return score * 2 + (method.equals("ANY") ? 0 : 1);
  }

  public boolean accepts(String httpMethod) {
    return method.equals("ANY") || method.equalsIgnoreCase(httpMethod);
  }

  static List<String> segments(String path) {
    return java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
  }
}
