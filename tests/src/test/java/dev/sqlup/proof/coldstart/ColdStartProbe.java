package dev.sqlup.proof.coldstart;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.sqlup.json.Json;
import dev.sqlup.json.JsonFields;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
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
 * What runs in each fresh JVM of the cold-start benchmark, with only the shaded functions jar and
 * this class on the class path (so it uses nothing the Lambda runtime would not have).
 *
 * <p>{@code baseline TABLE}: build a DynamoDB client (url-connection, static credentials, endpoint
 * and region from the environment) and do one GetItem. {@code handler CLASS EVENT_FILE}: build the
 * handler with its public no-arg constructor (as the Lambda runtime does) and invoke it once with
 * the event's bytes (every sqlup handler is a {@code RequestStreamHandler}: the runtime hands it
 * the raw event); an exception the handler throws is a result too (the runtime reports it as the
 * error). The probe reads the answer with the jar's own JSON codec after the clock stopped; it uses
 * nothing the jar does not hold. Prints {@value #DONE} the moment the invocation ends (the parent's
 * wall time stops there), then one line {@code COLDSTART {...}} with the in-process times and what
 * the invocation answered.
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
      DynamoDbClient client =
          DynamoDbClient.builder()
              .httpClientBuilder(UrlConnectionHttpClient.builder())
              .region(Region.of(System.getenv("AWS_REGION")))
              .credentialsProvider(
                  StaticCredentialsProvider.create(
                      AwsBasicCredentials.create(
                          System.getenv("AWS_ACCESS_KEY_ID"),
                          System.getenv("AWS_SECRET_ACCESS_KEY"))))
              .endpointOverride(URI.create(System.getenv("AWS_ENDPOINT_URL_DYNAMODB")))
              .build();
      initDone = System.nanoTime();
      eventParsed = initDone;
      var item =
          client.getItem(
              b -> b.tableName(args[1]).key(Map.of("instanceId", AttributeValue.fromS("bench"))));
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
    System.out.printf(
        "COLDSTART {\"initMs\":%.1f,\"eventMs\":%.1f,\"invokeMs\":%.1f,\"classes\":%d,\"outcome\":\"%s\"}%n",
        (initDone - start) / 1e6,
        (eventParsed - initDone) / 1e6,
        (end - eventParsed) / 1e6,
        classes,
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
    } catch (RuntimeException e) {
      return e;
    }
    if (handler instanceof RequestHandler<?, ?>) {
      // The runtime would deserialise the event with its own serializer, which this JVM does not
      // have.
      throw new IllegalArgumentException(
          handler.getClass()
              + " is a typed RequestHandler: the probe measures "
              + "stream handlers only");
    }
    throw new IllegalArgumentException(handler.getClass() + " is not a Lambda handler");
  }

  /**
   * A short account of the answer: status and error code, a phase's done/wait, the sweep's lists.
   */
  private static String describe(Object result) {
    try {
      if (result instanceof Throwable e) {
        String message = String.valueOf(e.getMessage());
        return "threw "
            + e.getClass().getSimpleName()
            + ": "
            + (message.length() > 100 ? message.substring(0, 100) + "…" : message);
      }
      if (result instanceof String s) {
        return s;
      }
      if (result instanceof byte[] bytes) {
        Map<String, Object> out = Json.readObject(bytes);
        List<String> parts = new ArrayList<>();
        if (out.containsKey("statusCode")) {
          // An API Gateway proxy response.
          Map<String, Object> body = Json.readObject(String.valueOf(out.get("body")));
          return "status "
              + out.get("statusCode")
              + (body.containsKey("code") ? " " + body.get("code") : "");
        }
        if (out.containsKey("done")) {
          parts.add("done=" + out.get("done"));
          parts.add("wait " + JsonFields.whole(out, "waitSeconds", 0) + " s");
          for (Object item : JsonFields.array(out, "databases")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> db = (Map<String, Object>) item;
            String stage = JsonFields.text(db, "switchStage", "NONE");
            parts.add(
                db.get("name")
                    + ": full "
                    + db.get("full")
                    + ", log "
                    + JsonFields.whole(db, "logBackedUp", 0)
                    + "/"
                    + JsonFields.whole(db, "logApplied", 0)
                    + (stage.equals("NONE") ? "" : ", " + stage));
          }
          Map<String, Object> plan = JsonFields.object(out, "switchPlan");
          if (plan != null) {
            parts.add(
                "plan "
                    + plan.get("mode")
                    + (JsonFields.bool(plan, "fits", false) ? " (fits)" : ""));
          }
          if (out.get("outcome") != null) {
            parts.add("outcome " + out.get("outcome"));
          }
        } else {
          out.forEach((k, v) -> parts.add(k + "=" + Json.write(v)));
        }
        return String.join("; ", parts);
      }
      return String.valueOf(result);
    } catch (Exception e) {
      return String.valueOf(result);
    }
  }

  /** The parts of the Lambda context a handler may read. */
  private static final class ProbeContext implements Context {
    @Override
    public String getAwsRequestId() {
      return "cold-start-probe";
    }

    @Override
    public String getLogGroupName() {
      return "/aws/lambda/probe";
    }

    @Override
    public String getLogStreamName() {
      return "probe";
    }

    @Override
    public String getFunctionName() {
      return "probe";
    }

    @Override
    public String getFunctionVersion() {
      return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
      return "arn:aws:lambda:us-east-1:123456789012:function:probe";
    }

    @Override
    public CognitoIdentity getIdentity() {
      return null;
    }

    @Override
    public ClientContext getClientContext() {
      return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
      return 30_000;
    }

    @Override
    public int getMemoryLimitInMB() {
      return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
      return new LambdaLogger() {
        @Override
        public void log(String message) {
          System.err.println(message);
        }

        @Override
        public void log(byte[] message) {
          System.err.println(new String(message, StandardCharsets.UTF_8));
        }
      };
    }
  }
}
