package dev.sqlup.config;

import dev.sqlup.domain.Catalogue;
import dev.sqlup.store.InstanceRepository;
import dev.sqlup.store.TaskRepository;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * What handlers need, built once per container from an environment map and a clock: SDK clients
 * (url-connection HTTP client, region from {@code AWS_REGION}, endpoint overrides from {@code
 * AWS_ENDPOINT_URL_DYNAMODB|SFN|EVENTBRIDGE}, static credentials when {@code
 * AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY} are in the map), repositories and the workflow
 * launcher. Everything is created lazily on first use and cached. The {@code with…} methods return
 * a copy that uses a ready collaborator instead (tests, the local runtime).
 */
public final class Services {
  public static final String INSTANCES_TABLE = "INSTANCES_TABLE";
  public static final String TASKS_TABLE = "TASKS_TABLE";
  public static final String FLEET_TABLE = "FLEET_TABLE";
  public static final String EVENT_BUS_NAME = "EVENT_BUS_NAME";
  public static final String UPGRADE_STATE_MACHINE_ARN = "UPGRADE_STATE_MACHINE_ARN";

  private final Map<String, String> env;
  private final Clock clock;
  private DynamoDbClient dynamoDb;
  private SfnClient sfn;
  private EventBridgeClient eventBridge;
  private CloudWatchClient cloudWatch;
  private UpgradeLauncher launcher;
  private SwitchWake switchWake;
  private Supplier<String> taskIds;
  private InstanceRepository instances;
  private TaskRepository tasks;
  private DataPlaneBindings dataPlanes;

  public Services(Map<String, String> env, Clock clock) {
    this.env = Map.copyOf(env);
    this.clock = clock;
  }

  /** The Lambda runtime's environment and the system UTC clock. */
  public static Services fromEnvironment() {
    return new Services(System.getenv(), Clock.systemUTC());
  }

  private Services copy() {
    Services s = new Services(env, clock);
    s.dynamoDb = dynamoDb;
    s.sfn = sfn;
    s.eventBridge = eventBridge;
    s.launcher = launcher;
    s.switchWake = switchWake;
    s.taskIds = taskIds;
    s.dataPlanes = dataPlanes;
    return s;
  }

  public Services withDynamoDb(DynamoDbClient client) {
    Services s = copy();
    s.dynamoDb = client;
    return s;
  }

  public Services withSfn(SfnClient client) {
    Services s = copy();
    s.sfn = client;
    return s;
  }

  public Services withEventBridge(EventBridgeClient client) {
    Services s = copy();
    s.eventBridge = client;
    return s;
  }

  public Services withLauncher(UpgradeLauncher upgradeLauncher) {
    Services s = copy();
    s.launcher = upgradeLauncher;
    return s;
  }

  /** The waiting loop's wake-up to use instead of Step Functions' SendTaskSuccess (tests). */
  public Services withSwitchWake(SwitchWake wake) {
    Services s = copy();
    s.switchWake = wake;
    return s;
  }

  /** The data planes to use instead of building them from the environment (tests). */
  public Services withDataPlanes(
      java.util.function.Function<Services, DataPlaneBindings> bindings) {
    Services s = copy();
    s.dataPlanes = bindings.apply(s);
    return s;
  }

  /** Ids for tasks submitted without a client token (default: {@code up-<random UUID>}). */
  public Services withTaskIds(Supplier<String> ids) {
    Services s = copy();
    s.taskIds = ids;
    return s;
  }

  public Clock clock() {
    return clock;
  }

  /** A required variable; a clear error names it when missing. */
  public String env(String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("environment variable " + name + " is not set");
    }
    return value;
  }

  public String envOrDefault(String name, String fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  public synchronized DynamoDbClient dynamoDb() {
    if (dynamoDb == null) {
      var b =
          DynamoDbClient.builder()
              .httpClientBuilder(UrlConnectionHttpClient.builder())
              .region(region())
              .credentialsProvider(credentials());
      endpoint("AWS_ENDPOINT_URL_DYNAMODB", b::endpointOverride);
      dynamoDb = b.build();
    }
    return dynamoDb;
  }

  public synchronized SfnClient sfn() {
    if (sfn == null) {
      var b =
          SfnClient.builder()
              .httpClientBuilder(UrlConnectionHttpClient.builder())
              .region(region())
              .credentialsProvider(credentials());
      endpoint("AWS_ENDPOINT_URL_SFN", b::endpointOverride);
      sfn = b.build();
    }
    return sfn;
  }

  public synchronized EventBridgeClient eventBridge() {
    if (eventBridge == null) {
      var b =
          EventBridgeClient.builder()
              .httpClientBuilder(UrlConnectionHttpClient.builder())
              .region(region())
              .credentialsProvider(credentials());
      endpoint("AWS_ENDPOINT_URL_EVENTBRIDGE", b::endpointOverride);
      eventBridge = b.build();
    }
    return eventBridge;
  }

  /**
   * CloudWatch (the sweeper's custom metrics); endpoint override {@code
   * AWS_ENDPOINT_URL_CLOUDWATCH}.
   */
  public synchronized CloudWatchClient cloudWatch() {
    if (cloudWatch == null) {
      var b =
          CloudWatchClient.builder()
              .httpClientBuilder(UrlConnectionHttpClient.builder())
              .region(region())
              .credentialsProvider(credentials());
      endpoint("AWS_ENDPOINT_URL_CLOUDWATCH", b::endpointOverride);
      cloudWatch = b.build();
    }
    return cloudWatch;
  }

  public synchronized InstanceRepository instances() {
    if (instances == null) {
      instances = new InstanceRepository(dynamoDb(), env(INSTANCES_TABLE), clock);
    }
    return instances;
  }

  public synchronized TaskRepository tasks() {
    if (tasks == null) {
      tasks = new TaskRepository(dynamoDb(), env(TASKS_TABLE), clock);
    }
    return tasks;
  }

  /** The data planes by binding (built on first use of each). */
  public synchronized DataPlaneBindings dataPlanes() {
    if (dataPlanes == null) {
      dataPlanes = new DataPlaneBindings(this);
    }
    return dataPlanes;
  }

  public synchronized UpgradeLauncher launcher() {
    if (launcher == null) {
      launcher = new SfnUpgradeLauncher(sfn(), env(UPGRADE_STATE_MACHINE_ARN));
    }
    return launcher;
  }

  /** Wakes the upgrade workflow's waiting loop (Step Functions SendTaskSuccess). */
  public synchronized SwitchWake switchWake() {
    if (switchWake == null) {
      switchWake = new SfnSwitchWake(sfn());
    }
    return switchWake;
  }

  public synchronized Supplier<String> taskIds() {
    if (taskIds == null) {
      taskIds = () -> "up-" + UUID.randomUUID();
    }
    return taskIds;
  }

  public Catalogue catalogue() {
    return Catalogue.standard();
  }

  private Region region() {
    return Region.of(envOrDefault("AWS_REGION", "us-east-1"));
  }

  /**
   * The function environment's credentials (what Lambda, or the local runtime, gives the function);
   * the SDK's default chain only when the environment has none.
   */
  public AwsCredentialsProvider credentials() {
    String key = env.get("AWS_ACCESS_KEY_ID");
    String secret = env.get("AWS_SECRET_ACCESS_KEY");
    if (key != null && !key.isBlank() && secret != null && !secret.isBlank()) {
      String token = env.get("AWS_SESSION_TOKEN");
      return token == null || token.isBlank()
          ? StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret))
          : StaticCredentialsProvider.create(
              software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(
                  key, secret, token));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  private void endpoint(String variable, java.util.function.Consumer<URI> override) {
    String value = env.get(variable);
    if (value != null && !value.isBlank()) {
      override.accept(URI.create(value));
    }
  }
}
