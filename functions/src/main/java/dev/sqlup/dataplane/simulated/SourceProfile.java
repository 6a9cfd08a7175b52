package dev.sqlup.dataplane.simulated;

import dev.sqlup.dataplane.InstanceRef;
import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.dataplane.SourceInventory.RecoveryModel;
import dev.sqlup.json.Json;
import dev.sqlup.json.JsonFields;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a simulated source holds, read from {@code InstanceRef.properties["simulation"]}:
 *
 * <pre>{"databases":[{"name":"sales","sizeGb":600,"recoveryModel":"FULL"}],
 *  "logGbPerHour":1.5, "lastFullBackupAt":"2026-11-24T08:00:00Z",
 *  "longRunningTransactions":false, "faults":{...},
 *  "openTransactions":[{"database":"sales","startedAt":"…","endsAt":"…"}],
 *  "logBursts":[{"startsAt":"…","seconds":1800,"factor":8}]}</pre>
 *
 * {@code openTransactions} are transactions open on the source from {@code startedAt} until {@code
 * endsAt} (absent: never committed), seen by the cutover guard on open transactions. {@code
 * logBursts} multiply the log rate of every database by {@code factor} for {@code seconds} from
 * {@code startsAt} (an index rebuild, a bulk load): the log positions, hence the log backups and
 * the lag the cutover guards read, follow the log actually generated.
 *
 * <p>Without a {@code simulation} property the source is one FULL database named after the
 * instance, sized by the {@code dataSizeGb} property (default 100 GB), logging 1 GB/h.
 */
public record SourceProfile(
    List<DatabaseProfile> databases,
    double logGbPerHour,
    Optional<Instant> lastFullBackupAt,
    boolean longRunningTransactions,
    FaultPlan faults,
    List<OpenTransactionProfile> openTransactions,
    List<LogBurst> logBursts) {

  public static final String PROPERTY = "simulation";

  public SourceProfile(
      List<DatabaseProfile> databases,
      double logGbPerHour,
      Optional<Instant> lastFullBackupAt,
      boolean longRunningTransactions,
      FaultPlan faults,
      List<OpenTransactionProfile> openTransactions) {
    this(
        databases,
        logGbPerHour,
        lastFullBackupAt,
        longRunningTransactions,
        faults,
        openTransactions,
        List.of());
  }

  public SourceProfile(
      List<DatabaseProfile> databases,
      double logGbPerHour,
      Optional<Instant> lastFullBackupAt,
      boolean longRunningTransactions,
      FaultPlan faults) {
    this(databases, logGbPerHour, lastFullBackupAt, longRunningTransactions, faults, List.of());
  }

  /**
   * A transaction of the profile, open in [{@code startedAt}, {@code endsAt}) ({@code endsAt} null:
   * never ends).
   */
  public record OpenTransactionProfile(String database, Instant startedAt, Instant endsAt) {
    public boolean openAt(Instant t) {
      return !t.isBefore(startedAt) && (endsAt == null || t.isBefore(endsAt));
    }
  }

  /** The log rate times {@code factor} in [{@code startsAt}, {@code startsAt + seconds}). */
  public record LogBurst(Instant startsAt, long seconds, double factor) {
    public LogBurst {
      if (seconds <= 0 || !(factor >= 0)) {
        throw new PermanentDataPlaneException(
            "SIM_PROFILE_INVALID: logBursts[] needs seconds > 0 and factor >= 0");
      }
    }

    public Instant endsAt() {
      return startsAt.plusSeconds(seconds);
    }
  }

  public SourceProfile {
    databases = List.copyOf(databases);
    openTransactions = openTransactions == null ? List.of() : List.copyOf(openTransactions);
    logBursts = logBursts == null ? List.of() : List.copyOf(logBursts);
    if (databases.isEmpty()) {
      throw new PermanentDataPlaneException(
          "SIM_PROFILE_INVALID: simulation profile has no databases");
    }
    if (logGbPerHour < 0) {
      throw new PermanentDataPlaneException("SIM_PROFILE_INVALID: logGbPerHour must be >= 0");
    }
  }

  /** One database of the profile. */
  public record DatabaseProfile(String name, double sizeGb, RecoveryModel recoveryModel) {
    public long sizeBytes() {
      return Math.round(sizeGb * SimulationSpeeds.GB);
    }
  }

  public long totalBytes() {
    return databases.stream().mapToLong(DatabaseProfile::sizeBytes).sum();
  }

  /** Log bytes per hour of one database: the instance rate split in proportion to database size. */
  public long logBytesPerHour(String database) {
    long total = totalBytes();
    long instanceRate = Math.round(logGbPerHour * SimulationSpeeds.GB);
    return databases.stream()
        .filter(d -> d.name().equals(database))
        .mapToLong(
            d ->
                total == 0
                    ? instanceRate / databases.size()
                    : Math.round(instanceRate * (double) d.sizeBytes() / total))
        .findFirst()
        .orElse(0);
  }

  public Optional<DatabaseProfile> database(String name) {
    return databases.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  /**
   * Reads the profile of an instance; bad JSON is a permanent error with code SIM_PROFILE_INVALID.
   */
  public static SourceProfile of(InstanceRef source) {
    String json = source.properties().get(PROPERTY);
    if (json == null || json.isBlank()) {
      double size =
          parseDouble(source.properties().getOrDefault("dataSizeGb", "100"), "dataSizeGb");
      return new SourceProfile(
          List.of(new DatabaseProfile(source.instanceId(), size, RecoveryModel.FULL)),
          1.0,
          Optional.empty(),
          false,
          FaultPlan.NONE);
    }
    Object root;
    try {
      root = Json.readTree(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (Json.MalformedJson e) {
      throw new PermanentDataPlaneException(
          "SIM_PROFILE_INVALID: simulation is not JSON: " + e.detail(), e);
    }
    return fromTree(root);
  }

  @SuppressWarnings("unchecked")
  static SourceProfile fromTree(Object tree) {
    if (!(tree instanceof Map<?, ?>)) {
      throw new PermanentDataPlaneException(
          "SIM_PROFILE_INVALID: simulation must be a JSON object");
    }
    Map<String, Object> root = (Map<String, Object>) tree;
    List<DatabaseProfile> databases = new ArrayList<>();
    for (Object item : JsonFields.array(root, "databases")) {
      Map<String, Object> db = item instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
      String name = JsonFields.text(db, "name", "");
      if (name.isBlank()) {
        throw new PermanentDataPlaneException("SIM_PROFILE_INVALID: database without name");
      }
      double size = JsonFields.number(db, "sizeGb", -1);
      if (size < 0) {
        throw new PermanentDataPlaneException(
            "SIM_PROFILE_INVALID: database " + name + " needs sizeGb >= 0");
      }
      databases.add(
          new DatabaseProfile(
              name, size, recoveryModel(JsonFields.text(db, "recoveryModel", "FULL"))));
    }
    Optional<Instant> lastFull = Optional.empty();
    if (JsonFields.has(root, "lastFullBackupAt")) {
      try {
        lastFull = Optional.of(Instant.parse(JsonFields.text(root, "lastFullBackupAt", "")));
      } catch (DateTimeParseException e) {
        throw new PermanentDataPlaneException(
            "SIM_PROFILE_INVALID: lastFullBackupAt is not an ISO-8601 instant", e);
      }
    }
    FaultPlan faults;
    try {
      faults = root.containsKey("faults") ? FaultPlan.fromTree(root.get("faults")) : FaultPlan.NONE;
    } catch (IllegalArgumentException e) {
      throw new PermanentDataPlaneException("SIM_PROFILE_INVALID: faults: " + e.getMessage(), e);
    }
    List<OpenTransactionProfile> open = new ArrayList<>();
    for (Object item : JsonFields.array(root, "openTransactions")) {
      Map<String, Object> tx = item instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
      open.add(
          new OpenTransactionProfile(
              JsonFields.text(tx, "database", ""),
              instant(tx, "startedAt", true),
              instant(tx, "endsAt", false)));
    }
    List<LogBurst> bursts = new ArrayList<>();
    for (Object item : JsonFields.array(root, "logBursts")) {
      Map<String, Object> b = item instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
      bursts.add(
          new LogBurst(
              instant(b, "startsAt", true),
              JsonFields.whole(b, "seconds", 0),
              JsonFields.number(b, "factor", 1)));
    }
    return new SourceProfile(
        databases,
        JsonFields.number(root, "logGbPerHour", 1.0),
        lastFull,
        JsonFields.bool(root, "longRunningTransactions", false),
        faults,
        open,
        bursts);
  }

  private static Instant instant(Map<String, Object> tree, String field, boolean required) {
    if (!JsonFields.has(tree, field)) {
      if (required) {
        throw new PermanentDataPlaneException(
            "SIM_PROFILE_INVALID: openTransactions[] and logBursts[] need " + field);
      }
      return null;
    }
    try {
      return Instant.parse(JsonFields.text(tree, field, ""));
    } catch (DateTimeParseException e) {
      throw new PermanentDataPlaneException(
          "SIM_PROFILE_INVALID: " + field + " is not an ISO-8601 instant", e);
    }
  }

  private static RecoveryModel recoveryModel(String text) {
    try {
      return RecoveryModel.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new PermanentDataPlaneException("SIM_PROFILE_INVALID: unknown recoveryModel " + text);
    }
  }

  private static double parseDouble(String text, String field) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new PermanentDataPlaneException(
          "SIM_PROFILE_INVALID: " + field + " is not a number: " + text);
    }
  }
}
