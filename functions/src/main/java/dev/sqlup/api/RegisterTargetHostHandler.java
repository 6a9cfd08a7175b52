package dev.sqlup.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sqlup.config.Services;
import dev.sqlup.config.SnapStartPriming;
import dev.sqlup.dataplane.TargetHosts;
import dev.sqlup.domain.Catalogue;
import dev.sqlup.domain.SqlEdition;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code POST /target-hosts}: registers a prepared SQL Server host in the target pool of the
 * sqlserver data plane. Body: {@code hostId, host, port, engineVersion, sqlEdition, instanceType,
 * memoryGib, secretArn, dataPath, logPath} and optional {@code trustServerCertificate}. 201 with
 * the host, 400 {@code InvalidParameter} / {@code MalformedRequestBody} for bad input, 409 {@code
 * HostAlreadyRegistered} (with {@code hostId}); errors have the API's shape {@code
 * {"code","message","requestId","field"}}.
 */
public final class RegisterTargetHostHandler extends ApiHandler {
  /** Environment variable naming the pool table. */
  public static final String TABLE_VARIABLE = "TARGET_HOST_POOL_TABLE";

  public RegisterTargetHostHandler() {
    this(Services.fromEnvironment());
    initForLambda();
  }

  public RegisterTargetHostHandler(Services services) {
    super(services);
  }

  @Override
  protected PrimingRequest primingRequest() {
    return new PrimingRequest(primingEvent("POST", "/target-hosts", Map.of(), "{}"), 400);
  }

  @Override
  protected void addPrimingSteps(SnapStartPriming priming) {
    priming.step(
        "pool lookup of an unknown host",
        () -> services.dataPlanes().targetHosts().find(SnapStartPriming.MISSING_ID));
  }

  @Override
  protected APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
    Requests.query(event, Set.of());
    TargetHosts.Host host =
        parse(new Body(Requests.jsonObject(event), "", FIELDS), services.catalogue());
    return json(
        201,
        TargetHostRoutes.view(
            TargetHostRoutes.call(() -> services.dataPlanes().targetHosts().register(host))));
  }

  private static TargetHosts.Host parse(Body body, Catalogue catalogue) {
    String hostId = body.requireText("hostId", Requests.ID, "1–64 characters of [a-z0-9-]");
    String host = body.requireText("host", HOST, "a DNS name or an IPv4 address");
    int port =
        body.optionalInt("port", 1, 65535)
            .orElseThrow(() -> ApiException.invalid("port", "port is required"));
    String version = body.requireText("engineVersion", null, null);
    if (!catalogue.isKnownVersion(version)) {
      throw ApiException.invalid(
          "engineVersion", "engineVersion must be one of " + catalogue.engineVersions());
    }
    SqlEdition edition = Enums.sqlEdition(body, "sqlEdition", true);
    String type = body.requireText("instanceType", null, null);
    if (catalogue.instanceType(type).isEmpty()) {
      throw ApiException.invalid("instanceType", "unknown instance type " + Enums.quote(type));
    }
    int memoryGib =
        body.optionalInt("memoryGib", 1, 4096)
            .orElseThrow(() -> ApiException.invalid("memoryGib", "memoryGib is required"));
    String secretArn = body.requireText("secretArn", SECRET_ARN, "a Secrets Manager secret ARN");
    String dataPath =
        body.requireText("dataPath", PATH, "an absolute path of at most 260 characters");
    String logPath =
        body.requireText("logPath", PATH, "an absolute path of at most 260 characters");
    boolean trust = body.optionalBoolean("trustServerCertificate");
    return new TargetHosts.Host(
        hostId,
        host,
        port,
        version,
        edition.name(),
        type,
        memoryGib,
        secretArn,
        dataPath,
        logPath,
        trust,
        null,
        null,
        null);
  }

  /**
   * Names, ARNs and paths as the pool and the T-SQL layer accept them (quoting happens there too).
   */
  private static final Set<String> FIELDS =
      Set.of(
          "hostId",
          "host",
          "port",
          "engineVersion",
          "sqlEdition",
          "instanceType",
          "memoryGib",
          "secretArn",
          "dataPath",
          "logPath",
          "trustServerCertificate");

  private static final Pattern HOST =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");
  private static final Pattern SECRET_ARN =
      Pattern.compile(
          "arn:aws[a-z-]*:secretsmanager:[a-z0-9-]{1,32}:\\d{12}:secret:[A-Za-z0-9/_+=.@-]{1,512}");
  private static final Pattern PATH = Pattern.compile("(/|[A-Za-z]:\\\\)[^\\x00-\\x1f']{0,258}");
}
