package dev.sqlup.proof.coldstart;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What runs in each fresh JVM of the cold-start benchmark, with only the shaded functions jar and this
 * class on the class path (so it uses nothing the Lambda runtime would not have).
 *
 * <p>{@code baseline TABLE}: build a DynamoDB client (url-connection, static credentials, endpoint and
 * region from the environment) and do one GetItem. {@code handler CLASS EVENT_FILE}: build the handler
 * with its public no-arg constructor (as the Lambda runtime does), deserialise the event as the runtime
 * would (a {@code RequestHandler}'s declared input type; raw bytes for a {@code RequestStreamHandler}), and
 * invoke it once; an exception the handler throws is a result too (the runtime reports it as the error).
 * Prints {@value #DONE} the moment the invocation ends (the parent's wall time stops there), then one line
 * {@code COLDSTART {...}} with the in-process times and what the invocation answered.
 */
public final class ColdStartProbe {
  static final String DONE = "COLDSTART-DONE";

  private static long eventParsed;

  private ColdStartProbe() {}

  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    Object result;
    long initDone;
    if (args[0].equals("baseline")) {
      DynamoDbClient client = DynamoDbClient.builder()
          .httpClientBuilder(UrlConnectionHttpClient.builder())
          .region(Region.of(System.getenv("AWS_REGION")))
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
              System.getenv("AWS_ACCESS_KEY_ID"), System.getenv("AWS_SECRET_ACCESS_KEY"))))
          .endpointOverride(URI.create(System.getenv("AWS_ENDPOINT_URL_DYNAMODB")))
          .build();
      initDone = System.nanoTime();
      eventParsed = initDone;
      var item = client.getItem(b -> b.tableName(args[1]).key(Map.of("instanceId", AttributeValue.fromS("bench"))));
      result = "item=" + item.hasItem();
    } else {
      Class<?> type = Class.forName(args[1]);
      Object handler = type.getConstructor().newInstance();
      initDone = System.nanoTime();
      result = invoke(handler, Path.of(args[2]));
    }
    long end = System.nanoTime();
    System.out.println(DONE);
    System.out.flush();
    int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
    System.out.printf("COLDSTART {\"initMs\":%.1f,\"eventMs\":%.1f,\"invokeMs\":%.1f,\"classes\":%d,\"outcome\":\"%s\"}%n",
        (initDone - start) / 1e6, (eventParsed - initDone) / 1e6, (end - eventParsed) / 1e6, classes,
        describe(result).replace("\\", "/").replace("\"", "'"));
    System.out.flush();
    System.exit(0);
  }

  /** The handler's answer: its response, its output bytes, or the exception it threw. */
  private static Object invoke(Object handler, Path eventFile) throws Exception {
    byte[] event = Files.readAllBytes(eventFile);
    try {
      if (handler instanceof RequestStreamHandler stream) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        eventParsed = System.nanoTime();
        stream.handleRequest(new ByteArrayInputStream(event), out, new ProbeContext());
        return out.toByteArray();
      }
      if (handler instanceof RequestHandler<?, ?>) {
        // The Lambda runtime deserialises the event into the handler's declared input type.
        Type input = inputType(handler.getClass());
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        Object value = mapper.readValue(event, mapper.constructType(input));
        eventParsed = System.nanoTime();
        @SuppressWarnings("unchecked")
        RequestHandler<Object, Object> typed = (RequestHandler<Object, Object>) handler;
        return typed.handleRequest(value, new ProbeContext());
      }
    } catch (RuntimeException e) {
      return e;
    }
    throw new IllegalArgumentException(handler.getClass() + " is not a Lambda handler");
  }

  /** A short account of the answer: status and error code, a phase's done/wait, the sweep's lists. */
  private static String describe(Object result) {
    try {
      if (result instanceof Throwable e) {
        String message = String.valueOf(e.getMessage());
        return "threw " + e.getClass().getSimpleName() + ": " + (message.length() > 100 ? message.substring(0, 100) + "…" : message);
      }
      if (result instanceof String s) {
        return s;
      }
      ObjectMapper json = new ObjectMapper();
      if (result instanceof byte[] bytes) {
        JsonNode out = json.readTree(bytes);
        List<String> parts = new ArrayList<>();
        if (out.has("done")) {
          parts.add("done=" + out.get("done").asBoolean());
          parts.add("wait " + out.path("waitSeconds").asLong() + " s");
          for (JsonNode db : out.path("databases")) {
            parts.add(db.path("name").asText() + ": full " + db.path("full").asText() + ", log "
                + db.path("logBackedUp").asInt() + "/" + db.path("logApplied").asInt()
                + (db.path("switchStage").asText("NONE").equals("NONE") ? "" : ", " + db.path("switchStage").asText()));
          }
          if (out.hasNonNull("switchPlan")) {
            parts.add("plan " + out.path("switchPlan").path("mode").asText() + (out.path("switchPlan").path("fits")
                .asBoolean() ? " (fits)" : ""));
          }
          if (out.hasNonNull("outcome")) {
            parts.add("outcome " + out.get("outcome").asText());
          }
        } else {
          for (Map.Entry<String, JsonNode> f : out.properties()) {
            parts.add(f.getKey() + "=" + f.getValue());
          }
        }
        return String.join("; ", parts);
      }
      Method status = result.getClass().getMethod("getStatusCode");
      Method body = result.getClass().getMethod("getBody");
      JsonNode parsed = json.readTree(String.valueOf(body.invoke(result)));
      return "status " + status.invoke(result) + (parsed.has("code") ? " " + parsed.get("code").asText() : "");
    } catch (Exception e) {
      return String.valueOf(result);
    }
  }

  static Type inputType(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Type t : c.getGenericInterfaces()) {
        if (t instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
          return p.getActualTypeArguments()[0];
        }
      }
    }
    return Object.class;
  }

  /** The parts of the Lambda context a handler may read. */
  private static final class ProbeContext implements Context {
    @Override public String getAwsRequestId() { return "cold-start-probe"; }
    @Override public String getLogGroupName() { return "/aws/lambda/probe"; }
    @Override public String getLogStreamName() { return "probe"; }
    @Override public String getFunctionName() { return "probe"; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:probe"; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return 30_000; }
    @Override public int getMemoryLimitInMB() { return 1024; }
    @Override public LambdaLogger getLogger() {
      return new LambdaLogger() {
        @Override public void log(String message) { System.err.println(message); }
        @Override public void log(byte[] message) { System.err.println(new String(message, StandardCharsets.UTF_8)); }
      };
    }
  }
}
