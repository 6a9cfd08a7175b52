package dev.sqlup.proof.coldstart;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * with its public no-arg constructor (as the Lambda runtime does), then invoke it once with the event.
 * Prints one line {@code COLDSTART {...}} with the times; the parent measures the wall time too.
 */
public final class ColdStartProbe {
  private ColdStartProbe() {}

  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    String outcome;
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
      var item = client.getItem(b -> b.tableName(args[1]).key(Map.of("instanceId", AttributeValue.fromS("bench"))));
      outcome = "item=" + item.hasItem();
    } else {
      Class<?> type = Class.forName(args[1]);
      Object handler = type.getConstructor().newInstance();
      initDone = System.nanoTime();
      outcome = invoke(handler, Path.of(args[2]));
    }
    long end = System.nanoTime();
    long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
    System.out.printf("COLDSTART {\"initMs\":%.1f,\"invokeMs\":%.1f,\"sinceJvmStartMs\":%d,\"classes\":%d,\"outcome\":\"%s\"}%n",
        (initDone - start) / 1e6, (end - initDone) / 1e6, sinceJvmStart, classes, outcome.replace("\"", "'"));
    System.out.flush();
    System.exit(0);
  }

  private static String invoke(Object handler, Path eventFile) throws Exception {
    byte[] event = Files.readAllBytes(eventFile);
    if (handler instanceof RequestStreamHandler stream) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (InputStream in = new java.io.ByteArrayInputStream(event)) {
        stream.handleRequest(in, out, new ProbeContext());
      }
      return abbreviate(out.toString(StandardCharsets.UTF_8));
    }
    if (handler instanceof RequestHandler<?, ?>) {
      // The Lambda runtime deserialises the event into the handler's declared input type.
      Type input = inputType(handler.getClass());
      ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
      Object value = mapper.readValue(event, mapper.constructType(input));
      @SuppressWarnings("unchecked")
      RequestHandler<Object, Object> typed = (RequestHandler<Object, Object>) handler;
      Object result = typed.handleRequest(value, new ProbeContext());
      return abbreviate(describe(result));
    }
    throw new IllegalArgumentException(handler.getClass() + " is not a Lambda handler");
  }

  private static String describe(Object result) {
    if (result == null) {
      return "null";
    }
    try {
      Method status = result.getClass().getMethod("getStatusCode");
      return "status=" + status.invoke(result);
    } catch (NoSuchMethodException notAProxyResponse) {
      return result.toString();
    } catch (ReflectiveOperationException e) {
      return e.toString();
    }
  }

  private static String abbreviate(String s) {
    String oneLine = s.replace('\n', ' ');
    return oneLine.length() > 120 ? oneLine.substring(0, 120) + "…" : oneLine;
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
