package dev.sqlup.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sqlup.config.DataPlaneMode;
import dev.sqlup.config.Services;
import dev.sqlup.config.SnapStartPriming;
import dev.sqlup.domain.Catalogue;
import dev.sqlup.domain.EngineBinding;
import dev.sqlup.domain.Instance;
import dev.sqlup.domain.InstanceStatus;
import dev.sqlup.domain.MaintenanceWindow;
import dev.sqlup.domain.NetworkType;
import dev.sqlup.domain.RdsEdition;
import dev.sqlup.domain.ReplicationTask;
import dev.sqlup.domain.SourceInventory;
import dev.sqlup.domain.SqlEdition;
import dev.sqlup.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code POST /instances} → 201 the registered instance with its first inventory; 409 {@code
 * InstanceAlreadyExists}. The source is discovered before anything is stored (a source that cannot
 * be read registers nothing). A self-managed server ({@code engine.binding: sqlserver}) is
 * registered by its address and secret: engine version, edition, instance type (the smallest
 * catalogue type with at least its cores and memory) and data size come from discovery; a value the
 * caller gives must agree with it.
 */
public final class RegisterInstanceHandler extends ApiHandler {
  static final Set<String> FIELDS =
      Set.of(
          "instanceId",
          "engineVersion",
          "sqlEdition",
          "rdsEdition",
          "instanceType",
          "dataSizeGb",
          "maintenanceWindow",
          "networkType",
          "adDomainJoined",
          "serverless",
          "readOnly",
          "readOnlyReplicaIds",
          "endpoint",
          "vip",
          "port",
          "tags",
          "engine",
          "simulation",
          "replicationTasks",
          "status",
          "description");
  static final Set<String> ENGINE_FIELDS = Set.of("binding", "host", "secretArn", "properties");
  static final Set<String> REPLICATION_FIELDS = Set.of("id", "status");
  static final int MAX_SIMULATION_BYTES = 16 * 1024;
  static final double MAX_DATA_GB = 64 * 1024;

  /** DynamoDB's number range: magnitudes from SMALLEST to below TOO_LARGE. */
  private static final BigDecimal SMALLEST = new BigDecimal("1E-130");

  private static final BigDecimal TOO_LARGE = new BigDecimal("1E+126");
  private static final Pattern HOST =
      Pattern.compile(
          "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern ARN =
      Pattern.compile(
          "arn:[a-z0-9-]+:secretsmanager:[a-z0-9-]+:\\d{12}:secret:[A-Za-z0-9/_+=.@-]{1,512}");
  private static final Pattern ANY = Pattern.compile("(?s).{1,128}");
  private static final Pattern WORD = Pattern.compile("[A-Za-z]{1,32}");
  static final Pattern DESCRIPTION = Pattern.compile("(?s).{0,256}");

  public RegisterInstanceHandler() {
    this(Services.fromEnvironment());
    initForLambda();
  }

  public RegisterInstanceHandler(Services services) {
    super(services);
  }

  @Override
  protected PrimingRequest primingRequest() {
    return new PrimingRequest(primingEvent("POST", "/instances", Map.of(), "{}"), 400);
  }

  @Override
  protected void addPrimingSteps(SnapStartPriming priming) {
    priming.step("instance JSON round trip", () -> primeInstanceJson(services));
  }

  @Override
  protected APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
    Requests.query(event, Set.of());
    Instance parsed = parse(Requests.jsonObject(event), services.catalogue());
    DataPlaneMode mode = DataPlaneMode.of(services);
    if (!mode.accepts(parsed.engine().binding())) {
      throw new ApiException(
          400,
          "SimulatedDataPlaneDisabled",
          "engine.binding",
          mode.refusal(parsed.engine().binding()),
          Map.of());
    }
    if (services.instances().find(parsed.instanceId()).isPresent()) {
      throw new dev.sqlup.store.InstanceAlreadyExistsException(parsed.instanceId());
    }
    SourceInventory inventory = Discovery.describe(services, parsed);
    Instance instance =
        EngineBinding.SQLSERVER.equals(parsed.engine().binding())
            ? SelfManagedSource.completed(parsed, inventory, services.catalogue())
            : parsed;
    return json(
        201, Views.instance(services.instances().create(instance.withInventory(inventory))));
  }

  static Instance parse(Map<String, Object> json, Catalogue catalogue) {
    Body body = new Body(json, "", FIELDS);
    // A self-managed server's version, edition, type and size come from discovery (given ones are
    // checked then).
    boolean selfManaged =
        json.get("engine") instanceof Map<?, ?> e
            && EngineBinding.SQLSERVER.equals(e.get("binding"));
    String instanceId = body.requireText("instanceId", Requests.ID, "1–64 characters of [a-z0-9-]");
    String version =
        selfManaged
            ? body.optionalText("engineVersion", null, null).orElse(null)
            : body.requireText("engineVersion", null, null);
    if (version != null && !catalogue.isKnownVersion(version)) {
      throw ApiException.invalid(
          "engineVersion", "engineVersion must be one of " + catalogue.engineVersions());
    }
    SqlEdition sql = Enums.sqlEdition(body, "sqlEdition", !selfManaged);
    RdsEdition rds = Enums.rdsEdition(body, "rdsEdition", !selfManaged);
    String type =
        selfManaged
            ? body.optionalText("instanceType", null, null).orElse(null)
            : body.requireText("instanceType", null, null);
    if (type != null && catalogue.instanceType(type).isEmpty()) {
      throw ApiException.invalid("instanceType", "unknown instance type " + Enums.quote(type));
    }
    if (!selfManaged && !catalogue.instanceType(type).get().isOfferedFor(version, sql, rds)) {
      throw ApiException.invalid(
          "instanceType",
          "instance type "
              + type
              + " is not offered for SQL Server "
              + version
              + " "
              + sql
              + " "
              + rds);
    }
    double dataSizeGb =
        selfManaged && !json.containsKey("dataSizeGb")
            ? 0
            : body.requireNumber("dataSizeGb", 0, MAX_DATA_GB);
    String window = body.requireText("maintenanceWindow", null, null);
    if (MaintenanceWindow.parse(window).isEmpty()) {
      throw ApiException.invalid(
          "maintenanceWindow", "maintenanceWindow must be HH:MMZ-HH:MMZ (UTC) with start ≠ end");
    }
    NetworkType network =
        body.optionalText("networkType", null, null)
            .map(
                v ->
                    NetworkType.parse(v)
                        .orElseThrow(
                            () ->
                                ApiException.invalid(
                                    "networkType", "networkType must be VPC or Classic")))
            .orElse(NetworkType.VPC);
    boolean ad = body.optionalBoolean("adDomainJoined");
    boolean serverless = body.optionalBoolean("serverless");
    boolean readOnly = body.optionalBoolean("readOnly");
    List<String> replicas =
        body.optionalStringArray("readOnlyReplicaIds", 16, Requests.ID, "an id of [a-z0-9-]{1,64}");
    String endpoint = body.requireText("endpoint", HOST, "a DNS name");
    String vip = body.optionalText("vip", IPV4, "an IPv4 address").orElse(null);
    int port = body.optionalInt("port", 1, 65535).orElse(1433);
    Map<String, String> tags = body.optionalStringMap("tags", 20, 128, 256);
    EngineBinding engine = engine(body);
    Map<String, Object> simulation = simulation(body);
    List<ReplicationTask> replication = replicationTasks(body);
    InstanceStatus status =
        body.optionalText("status", null, null)
            .map(
                v ->
                    InstanceStatus.parse(v)
                        .filter(s -> s != InstanceStatus.UpgradingVersion)
                        .orElseThrow(
                            () ->
                                ApiException.invalid(
                                    "status", "status must be Running, Stopped or Maintenance")))
            .orElse(InstanceStatus.Running);
    String description =
        body.optionalText("description", DESCRIPTION, "at most 256 characters").orElse(null);
    return new Instance(
        instanceId,
        version,
        sql,
        rds,
        type,
        dataSizeGb,
        window,
        network,
        ad,
        serverless,
        readOnly,
        replicas,
        endpoint,
        vip,
        port,
        tags,
        engine,
        simulation,
        replication,
        status,
        null,
        null,
        null,
        0,
        null,
        description);
  }

  private static EngineBinding engine(Body body) {
    Map<String, Object> json = body.optionalObject("engine").orElse(null);
    if (json == null) {
      return EngineBinding.simulated();
    }
    Body engine = new Body(json, "engine", ENGINE_FIELDS);
    String binding = engine.optionalText("binding", null, null).orElse(EngineBinding.SIMULATED);
    if (!binding.equals(EngineBinding.SIMULATED) && !binding.equals(EngineBinding.SQLSERVER)) {
      throw ApiException.invalid("engine.binding", "engine.binding must be simulated or sqlserver");
    }
    String host = engine.optionalText("host", HOST, "a DNS name or IPv4 address").orElse(null);
    String secretArn =
        engine.optionalText("secretArn", ARN, "a Secrets Manager secret ARN").orElse(null);
    Map<String, String> properties = engine.optionalStringMap("properties", 32, 64, 1024);
    if (binding.equals(EngineBinding.SQLSERVER) && (host == null || secretArn == null)) {
      throw ApiException.invalid(
          host == null ? "engine.host" : "engine.secretArn",
          "the sqlserver binding needs engine.host and engine.secretArn");
    }
    return new EngineBinding(binding, host, secretArn, properties);
  }

  private static Map<String, Object> simulation(Body body) {
    Map<String, Object> json = body.optionalObject("simulation").orElse(null);
    if (json == null) {
      return null;
    }
    if (Json.writeBytes(json).length > MAX_SIMULATION_BYTES) {
      throw ApiException.invalid(
          "simulation", "simulation may be at most " + MAX_SIMULATION_BYTES + " bytes of JSON");
    }
    requireStorableNumbers(json, "simulation");
    return json;
  }

  /**
   * Opaque, but stored as a DynamoDB map: every number must fit DynamoDB's range (magnitude 1E-130
   * to below 1E+126, 38 significant digits), or the write fails after validation (found by
   * ApiFuzzTest).
   */
  private static void requireStorableNumbers(Object node, String path) {
    if (node instanceof Number number) {
      BigDecimal v = decimal(number);
      boolean storable = v != null;
      if (storable) {
        v = v.stripTrailingZeros();
        BigDecimal abs = v.abs();
        storable =
            v.signum() == 0
                || (v.precision() <= 38
                    && abs.compareTo(SMALLEST) >= 0
                    && abs.compareTo(TOO_LARGE) < 0);
      }
      if (!storable) {
        throw ApiException.invalid(
            path, path + " must be a number of magnitude 1E-130 to 1E+126 with at most 38 digits");
      }
    } else if (node instanceof Map<?, ?> object) {
      object.forEach((key, value) -> requireStorableNumbers(value, path + "." + key));
    } else if (node instanceof List<?> array) {
      for (int i = 0; i < array.size(); i++) {
        requireStorableNumbers(array.get(i), path + "[" + i + "]");
      }
    }
  }

  /**
   * A JSON number's exact decimal value (a double's shortest text, as it is stored); null when not
   * finite.
   */
  private static BigDecimal decimal(Number number) {
    if (number instanceof BigInteger big) {
      return new BigDecimal(big);
    }
    if (number instanceof BigDecimal exact) {
      return exact;
    }
    if (number instanceof Double || number instanceof Float) {
      double d = number.doubleValue();
      return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
    }
    return BigDecimal.valueOf(number.longValue());
  }

  private static List<ReplicationTask> replicationTasks(Body body) {
    List<ReplicationTask> out = new ArrayList<>();
    for (Object item : body.optionalArray("replicationTasks", 32).orElse(List.of())) {
      if (!(item instanceof Map<?, ?>)) {
        throw ApiException.invalid(
            "replicationTasks", "every item of replicationTasks must be an object {id, status}");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> fields = (Map<String, Object>) item;
      Body task = new Body(fields, "replicationTasks", REPLICATION_FIELDS);
      out.add(
          new ReplicationTask(
              task.requireText("id", ANY, "1–128 characters"),
              task.requireText("status", WORD, "a word such as Running or Stopped")));
    }
    return out;
  }
}
