package dev.sqlup.dataplane.simulated;

import dev.sqlup.dataplane.OperationKey;
import dev.sqlup.dataplane.OperationKind;
import dev.sqlup.json.Json;
import dev.sqlup.json.JsonFields;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Seeded faults of the simulated data plane. Every decision is a pure function of the seed, the
 * operation key and (for transient faults) the attempt number, so a run replays exactly and a retry
 * can succeed where the first attempt failed.
 *
 * <p>JSON (env {@code SIM_FAULTS}, or the profile's {@code faults} object; all fields optional):
 *
 * <pre>{"seed":42, "transientProbability":0.1, "permanentProbability":0.01,
 *  "slowProbability":0.2, "slowFactor":3.0,
 *  "failOperation":"FULL_BACKUP", "mode":"permanent|reject|transient", "database":"sales", "round":2,
 *  "metadataChange":{"afterMinutes":30, "kind":"DATABASE_CREATED|DATABASE_DROPPED|RECOVERY_MODEL_CHANGED",
 *                    "database":"x"}}</pre>
 *
 * {@code mode}: {@code permanent} = the operation runs and ends FAILED; {@code reject} = its start
 * throws PermanentDataPlaneException; {@code transient} = its first start attempt throws
 * TransientDataPlaneException. {@code database} and {@code round} (the operation key's round, e.g.
 * one log backup round) narrow the targeted failure; without them every operation of the kind
 * fails.
 */
public record FaultPlan(
    long seed,
    double transientProbability,
    double permanentProbability,
    double slowProbability,
    double slowFactor,
    Optional<TargetedFailure> targeted,
    Optional<MetadataChange> metadataChange) {

  public static final FaultPlan NONE =
      new FaultPlan(0, 0, 0, 0, 1, Optional.empty(), Optional.empty());
  public static final String ENVIRONMENT_VARIABLE = "SIM_FAULTS";

  public FaultPlan {
    requireProbability(transientProbability, "transientProbability");
    requireProbability(permanentProbability, "permanentProbability");
    requireProbability(slowProbability, "slowProbability");
    if (slowFactor < 1) {
      throw new IllegalArgumentException("SIM_FAULTS_INVALID: slowFactor must be >= 1");
    }
    targeted = targeted == null ? Optional.empty() : targeted;
    metadataChange = metadataChange == null ? Optional.empty() : metadataChange;
  }

  /**
   * Fails exactly the operations of one kind (optionally of one database, optionally of one key
   * round).
   */
  public record TargetedFailure(
      OperationKind kind, Mode mode, Optional<String> database, Optional<Integer> round) {
    public TargetedFailure {
      database = database == null ? Optional.empty() : database;
      round = round == null ? Optional.empty() : round;
    }

    public TargetedFailure(OperationKind kind, Mode mode, Optional<String> database) {
      this(kind, mode, database, Optional.empty());
    }

    boolean matches(OperationKey key) {
      return key.kind() == kind
          && database.map(key.database()::equals).orElse(true)
          && round.map(r -> r == key.round()).orElse(true);
    }
  }

  public enum Mode {
    PERMANENT,
    REJECT,
    TRANSIENT
  }

  /** A change of instance metadata the guide forbids during an upgrade, made by someone anyway. */
  public record MetadataChange(long afterMinutes, Kind kind, String database) {
    public enum Kind {
      DATABASE_CREATED,
      DATABASE_DROPPED,
      RECOVERY_MODEL_CHANGED
    }
  }

  /** Parses {@code SIM_FAULTS}-style JSON; null or blank means no faults. */
  public static FaultPlan parse(String json) {
    if (json == null || json.isBlank()) {
      return NONE;
    }
    Object root;
    try {
      root = Json.readTree(json.getBytes(StandardCharsets.UTF_8));
    } catch (Json.MalformedJson e) {
      throw new IllegalArgumentException("SIM_FAULTS_INVALID: not JSON: " + e.detail(), e);
    }
    return fromTree(root);
  }

  static FaultPlan fromTree(Object tree) {
    if (!(tree instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(
          "SIM_FAULTS_INVALID: fault configuration must be a JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> root = (Map<String, Object>) tree;
    Optional<TargetedFailure> targeted = Optional.empty();
    if (JsonFields.has(root, "failOperation")) {
      targeted =
          Optional.of(
              new TargetedFailure(
                  enumValue(
                      OperationKind.class,
                      JsonFields.text(root, "failOperation", ""),
                      "failOperation"),
                  enumValue(Mode.class, JsonFields.text(root, "mode", "permanent"), "mode"),
                  Optional.ofNullable(JsonFields.text(root, "database", null)),
                  Optional.ofNullable(
                      JsonFields.has(root, "round") ? round(root.get("round")) : null)));
    }
    Optional<MetadataChange> change = Optional.empty();
    if (JsonFields.has(root, "metadataChange")) {
      Map<String, Object> m = JsonFields.object(root, "metadataChange");
      String database = m == null ? "" : JsonFields.text(m, "database", "");
      if (database.isBlank()) {
        throw new IllegalArgumentException("SIM_FAULTS_INVALID: metadataChange needs a database");
      }
      change =
          Optional.of(
              new MetadataChange(
                  JsonFields.whole(m, "afterMinutes", 0),
                  enumValue(
                      MetadataChange.Kind.class,
                      JsonFields.text(m, "kind", ""),
                      "metadataChange.kind"),
                  database));
    }
    return new FaultPlan(
        JsonFields.whole(root, "seed", 0),
        JsonFields.number(root, "transientProbability", 0),
        JsonFields.number(root, "permanentProbability", 0),
        JsonFields.number(root, "slowProbability", 0),
        JsonFields.number(root, "slowFactor", 1),
        targeted,
        change);
  }

  /** This plan with every field the other plan sets (non-default) taken from the other plan. */
  public FaultPlan overriddenBy(FaultPlan other) {
    return new FaultPlan(
        other.seed != 0 ? other.seed : seed,
        other.transientProbability != 0 ? other.transientProbability : transientProbability,
        other.permanentProbability != 0 ? other.permanentProbability : permanentProbability,
        other.slowProbability != 0 ? other.slowProbability : slowProbability,
        other.slowFactor != 1 ? other.slowFactor : slowFactor,
        other.targeted.isPresent() ? other.targeted : targeted,
        other.metadataChange.isPresent() ? other.metadataChange : metadataChange);
  }

  /** Whether start attempt number {@code attempt} (1-based) of this operation fails transiently. */
  public boolean transientOnStart(OperationKey key, long attempt) {
    if (attempt == 1
        && targeted.filter(t -> t.mode() == Mode.TRANSIENT && t.matches(key)).isPresent()) {
      return true;
    }
    return draw(key, "start-transient#" + attempt) < transientProbability;
  }

  /** Whether poll attempt number {@code attempt} (1-based) of this operation fails transiently. */
  public boolean transientOnPoll(OperationKey key, long attempt) {
    return draw(key, "poll-transient#" + attempt) < transientProbability;
  }

  /** Whether the start of this operation is refused outright. */
  public boolean rejectsStart(OperationKey key) {
    return targeted.filter(t -> t.mode() == Mode.REJECT && t.matches(key)).isPresent();
  }

  /** Whether this operation runs and ends FAILED; the same for every attempt. */
  public boolean failsPermanently(OperationKey key) {
    return targeted.filter(t -> t.mode() == Mode.PERMANENT && t.matches(key)).isPresent()
        || draw(key, "permanent") < permanentProbability;
  }

  /** Duration multiplier of this operation (1 unless it is drawn slow). */
  public double slowdown(OperationKey key) {
    return draw(key, "slow") < slowProbability ? slowFactor : 1.0;
  }

  /** Whether any transient fault can happen: callers skip counting attempts otherwise. */
  public boolean hasTransientFaults() {
    return transientProbability > 0 || targeted.filter(t -> t.mode() == Mode.TRANSIENT).isPresent();
  }

  /**
   * A uniform draw in [0,1) fixed by seed, key and purpose (FNV-1a then SplittableRandom's mixer).
   */
  double draw(OperationKey key, String purpose) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : (key.render() + "|" + purpose).getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return new SplittableRandom(seed ^ hash).nextDouble();
  }

  private static int round(Object value) {
    if (!(value instanceof Integer round) || round < 0) {
      throw new IllegalArgumentException("SIM_FAULTS_INVALID: round must be a whole number >= 0");
    }
    return round;
  }

  private static void requireProbability(double p, String name) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("SIM_FAULTS_INVALID: " + name + " must be in [0,1]");
    }
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String text, String field) {
    try {
      return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("SIM_FAULTS_INVALID: unknown " + field + " " + text);
    }
  }
}
