package dev.sqlup.dataplane.sqlserver;

import dev.sqlup.dataplane.sqlserver.CatalogQueries.Query;
import dev.sqlup.domain.SourceInventory;
import dev.sqlup.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Result sets in the shape a real server answers
 * (src/test/resources/discovery/sqlserver-VERSION.json, written from Microsoft's documented
 * columns, not captured from a live server: one list of rows per query name), answered in place of
 * the server. Records which SQL text each query was asked with; a query without a recording fails
 * the test. {@code logwrites} answers its recorded rows in turn (the two samples).
 */
public final class RecordedCatalog implements SourceDiscovery.Catalog {
  private final Map<String, Object> recording;
  final Map<String, String> asked = new LinkedHashMap<>();
  final List<Object[]> parameters = new ArrayList<>();
  private final Map<String, Integer> calls = new HashMap<>();

  public RecordedCatalog(String version) {
    try (InputStream in =
        RecordedCatalog.class.getResourceAsStream("/discovery/sqlserver-" + version + ".json")) {
      if (in == null) {
        throw new IllegalArgumentException("no recording discovery/sqlserver-" + version + ".json");
      }
      recording = Json.readObject(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> rows(Query query, Object... params) {
    if (!(recording.get(query.name()) instanceof List<?> rows)) {
      throw new AssertionError(
          "query '" + query.name() + "' has no recorded result set:\n" + query.sql());
    }
    asked.put(query.name(), query.sql());
    parameters.add(params);
    int call = calls.merge(query.name(), 1, Integer::sum);
    if (query.name().equals("logwrites")) {
      return List.of((Map<String, Object>) rows.get(Math.min(call, rows.size()) - 1));
    }
    return (List<Map<String, Object>>) rows;
  }

  /**
   * The recording mapped by discovery: media whose path contains "gone" are unreachable; UTC server
   * clock.
   */
  public static SourceInventory inventory(String version, Instant now) {
    try {
      return new SourceDiscovery(Duration.ofHours(72), Duration.ofSeconds(10), d -> {})
          .describe(
              new RecordedCatalog(version),
              now,
              ZoneOffset.UTC,
              media -> !String.join(",", media.locations()).contains("gone"));
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
