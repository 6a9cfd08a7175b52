package dev.sqlup.proof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.testing.Dynalite;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shaded functions jar (CodeUri of every function) is what Lambda runs: it stays under the 20
 * MB goal and, after minimisation, still holds every handler that template.yaml names, loadable and
 * linkable in a class loader that sees nothing but the jar (the Lambda runtime's situation).
 */
class ShadedJarTest {
  private static final long GOAL_BYTES = 20L * 1024 * 1024;
  private static Path jar;

  @BeforeAll
  static void locateJar() {
    jar = Dynalite.projectRoot().resolve("functions/target/sqlup-functions.jar");
    assertThat(jar)
        .as(
            "the shaded jar is built by the functions module's package phase (mvn verify builds it first)")
        .exists();
  }

  @Test
  void shadedJar_staysUnder20MB() throws IOException {
    assertThat(Files.size(jar)).isLessThanOrEqualTo(GOAL_BYTES);
  }

  @Test
  void everyHandler_loadsAndLinks_fromTheJarAlone() throws Exception {
    // GIVEN the handlers named in template.yaml, or every *Handler class of the jar before the
    // template exists
    List<String> handlers = handlerClasses();
    assertThat(handlers).isNotEmpty();

    // WHEN each is loaded and initialised in a loader whose parent is the platform loader (no test
    // class path)
    List<String> failures = new ArrayList<>();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      Class<?> requestHandler =
          loader.loadClass("com.amazonaws.services.lambda.runtime.RequestHandler");
      Class<?> streamHandler =
          loader.loadClass("com.amazonaws.services.lambda.runtime.RequestStreamHandler");
      for (String name : handlers) {
        try {
          Class<?> type = Class.forName(name, true, loader);
          // THEN it is a concrete Lambda handler with the public no-arg constructor the runtime
          // calls
          if (!(requestHandler.isAssignableFrom(type) || streamHandler.isAssignableFrom(type))) {
            failures.add(name + ": not a RequestHandler/RequestStreamHandler");
          } else if (Modifier.isAbstract(type.getModifiers())
              || !Modifier.isPublic(type.getModifiers())) {
            failures.add(name + ": not a public concrete class");
          } else {
            type.getConstructor();
            // Linking every method signature resolves the types the handler's code refers to.
            type.getDeclaredMethods();
          }
        } catch (ReflectiveOperationException | LinkageError e) {
          failures.add(name + ": " + e);
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void sdkClients_buildFromTheMinimisedJar() throws Exception {
    // The service modules are minimised: building each client proves its endpoint, auth and
    // protocol
    // classes (some found by name) survived.
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      for (String client :
          List.of(
              "dynamodb.DynamoDbClient",
              "sfn.SfnClient",
              "eventbridge.EventBridgeClient",
              "route53.Route53Client",
              "secretsmanager.SecretsManagerClient")) {
        Class<?> type = loader.loadClass("software.amazon.awssdk.services." + client);
        Object builder = type.getMethod("builder").invoke(null);
        Class<?> regionType = loader.loadClass("software.amazon.awssdk.regions.Region");
        Object region = regionType.getMethod("of", String.class).invoke(null, "us-east-1");
        Class<?> creds =
            loader.loadClass(
                "software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider");
        Object anonymous = creds.getMethod("create").invoke(null);
        Class<?> awsBuilder =
            loader.loadClass("software.amazon.awssdk.awscore.client.builder.AwsClientBuilder");
        awsBuilder.getMethod("region", regionType).invoke(builder, region);
        awsBuilder
            .getMethod(
                "credentialsProvider",
                loader.loadClass("software.amazon.awssdk.auth.credentials.AwsCredentialsProvider"))
            .invoke(builder, anonymous);
        Object built =
            loader
                .loadClass("software.amazon.awssdk.utils.builder.SdkBuilder")
                .getMethod("build")
                .invoke(builder);
        assertThat(built.getClass().getName()).startsWith("software.amazon.awssdk.services.");
        ((AutoCloseable) built).close();
      }
    }
  }

  @Test
  void jsonCodec_runsOnTheSdksOwnJacksonCore_fromTheJarAlone() throws Exception {
    // The jar relocates Jackson jr onto the AWS SDK's shaded jackson-core (loaded for every
    // DynamoDB call
    // anyway) instead of carrying a second copy: that is only sound while both are the same
    // release.
    try (JarFile file = new JarFile(jar.toFile())) {
      assertThat(
              file.stream()
                  .map(e -> e.getName())
                  .filter(n -> n.startsWith("com/fasterxml/jackson/core/")))
          .as("no second jackson-core in the jar")
          .isEmpty();
    }
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      Object jr =
          loader
              .loadClass("com.fasterxml.jackson.jr.ob.PackageVersion")
              .getField("VERSION")
              .get(null);
      Object core =
          loader
              .loadClass("software.amazon.awssdk.thirdparty.jackson.core.json.PackageVersion")
              .getField("VERSION")
              .get(null);
      assertThat(jr.toString())
          .as("jackson.jr.version in the parent POM must be the SDK's jackson-core release")
          .isEqualTo(core.toString());

      Class<?> json = loader.loadClass("dev.sqlup.json.Json");
      Class<?> task = loader.loadClass("dev.sqlup.domain.UpgradeTask");
      byte[] sample;
      try (var in = loader.getResourceAsStream("dev/sqlup/api/priming/task.json")) {
        sample = in.readAllBytes();
      }
      Object read = json.getMethod("read", byte[].class, Class.class).invoke(null, sample, task);
      String written = (String) json.getMethod("write", Object.class).invoke(null, read);
      assertThat(
              json.getMethod("read", byte[].class, Class.class)
                  .invoke(null, written.getBytes(java.nio.charset.StandardCharsets.UTF_8), task))
          .isEqualTo(read);
    }
  }

  @Test
  void lambdaRuntimeSerializer_readsEveryApiEvent_withTheJarsClasses() throws Exception {
    // The Lambda Java runtime deserialises aws-lambda-java-events types with
    // LambdaEventSerializers, which
    // loads helper types (org.joda.time.DateTime) from the function's class loader: a jar that
    // lacks them
    // fails every API invocation before the handler runs.
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      Class<?> eventType =
          loader.loadClass(
              "com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent");
      var serializer =
          com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers
              .serializerFor(eventType, loader);
      List<Path> events;
      try (var files = Files.list(Dynalite.projectRoot().resolve("events"))) {
        events = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      }
      int read = 0;
      for (Path event : events) {
        String text = Files.readString(event);
        if (text.contains("\"httpMethod\"")) {
          try (var in = Files.newInputStream(event)) {
            Object value = serializer.fromJson(in);
            assertThat(eventType.getMethod("getHttpMethod").invoke(value))
                .as(event.toString())
                .isNotNull();
            read++;
          }
        }
      }
      assertThat(read).isPositive();
    }
  }

  private static List<String> handlerClasses() throws IOException {
    Path template = CfnTemplate.defaultPath(Dynalite.projectRoot());
    TreeSet<String> names = new TreeSet<>();
    if (Files.exists(template)) {
      CfnTemplate.load(template).resourcesOfType("AWS::Serverless::Function").values().stream()
          .map(CfnTemplate::handlerClass)
          .filter(java.util.Objects::nonNull)
          .forEach(names::add);
    } else {
      try (JarFile file = new JarFile(jar.toFile())) {
        file.stream()
            .map(e -> e.getName())
            .filter(
                n -> n.startsWith("dev/sqlup/") && n.endsWith("Handler.class") && !n.contains("$"))
            .filter(n -> !n.endsWith("/ApiHandler.class"))
            .forEach(
                n -> names.add(n.substring(0, n.length() - ".class".length()).replace('/', '.')));
      }
    }
    return List.copyOf(names);
  }
}
