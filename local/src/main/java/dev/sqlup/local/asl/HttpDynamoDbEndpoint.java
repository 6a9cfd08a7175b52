package dev.sqlup.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlup.local.asl.model.DynamoDbEndpoint;
import dev.sqlup.local.asl.model.StatesError;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A {@link DynamoDbEndpoint} speaking DynamoDB's JSON 1.0 protocol over HTTP with Signature Version
 * 4 (so it works against dynalite, LocalStack or AWS). Requests and responses are DynamoDB's wire
 * JSON, which is exactly what Step Functions' DynamoDB integration passes. Service errors become
 * {@code StatesError("DynamoDB.<ExceptionName>", message)} as Step Functions reports them.
 */
public final class HttpDynamoDbEndpoint implements DynamoDbEndpoint {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
  private static final String CONTENT_TYPE = "application/x-amz-json-1.0";

  private final URI endpoint;
  private final String region;
  private final String accessKeyId;
  private final String secretAccessKey;
  private final String sessionToken;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public HttpDynamoDbEndpoint(
      URI endpoint,
      String region,
      String accessKeyId,
      String secretAccessKey,
      String sessionToken) {
    this.endpoint = endpoint;
    this.region = region;
    this.accessKeyId = accessKeyId;
    this.secretAccessKey = secretAccessKey;
    this.sessionToken = sessionToken;
  }

  /**
   * Credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, else dummy
   * ones.
   */
  public static HttpDynamoDbEndpoint fromEnvironment(URI endpoint, String region) {
    String key = System.getenv("AWS_ACCESS_KEY_ID");
    String secret = System.getenv("AWS_SECRET_ACCESS_KEY");
    if (key == null || secret == null) {
      return new HttpDynamoDbEndpoint(endpoint, region, "local", "local", null);
    }
    return new HttpDynamoDbEndpoint(
        endpoint, region, key, secret, System.getenv("AWS_SESSION_TOKEN"));
  }

  @Override
  public JsonNode call(String operation, JsonNode request) {
    byte[] body = request.toString().getBytes(StandardCharsets.UTF_8);
    String target = "DynamoDB_20120810." + operation;
    String amzDate = ZonedDateTime.now(ZoneOffset.UTC).format(AMZ_DATE);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(endpoint.resolve("/"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", CONTENT_TYPE)
            .header("X-Amz-Date", amzDate)
            .header("X-Amz-Target", target)
            .header("Authorization", authorization(amzDate, target, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (sessionToken != null) {
      builder.header("X-Amz-Security-Token", sessionToken);
    }
    HttpResponse<String> response;
    try {
      response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new StatesError(
          "DynamoDB.SdkClientException", "Unable to reach DynamoDB at " + endpoint + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StatesError("DynamoDB.SdkClientException", "Interrupted calling DynamoDB");
    }
    JsonNode json;
    try {
      json =
          response.body().isEmpty() ? MAPPER.createObjectNode() : MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new StatesError(
          "DynamoDB.SdkClientException", "Unreadable DynamoDB response: " + response.body());
    }
    if (response.statusCode() / 100 != 2) {
      String type = json.path("__type").asText("AmazonDynamoDBException");
      String name = type.substring(type.lastIndexOf('#') + 1);
      String message =
          json.has("message") ? json.get("message").asText() : json.path("Message").asText("");
      throw new StatesError(
          "DynamoDB." + name,
          message + " (Service: DynamoDb, Status Code: " + response.statusCode() + ")");
    }
    return json;
  }

  private String authorization(String amzDate, String target, byte[] body) {
    String date = amzDate.substring(0, 8);
    String host = endpoint.getHost() + (endpoint.getPort() == -1 ? "" : ":" + endpoint.getPort());
    StringBuilder headers =
        new StringBuilder()
            .append("content-type:")
            .append(CONTENT_TYPE)
            .append('\n')
            .append("host:")
            .append(host)
            .append('\n')
            .append("x-amz-date:")
            .append(amzDate)
            .append('\n');
    String signed = "content-type;host;x-amz-date";
    if (sessionToken != null) {
      headers.append("x-amz-security-token:").append(sessionToken).append('\n');
      signed += ";x-amz-security-token";
    }
    headers.append("x-amz-target:").append(target).append('\n');
    signed += ";x-amz-target";
    String canonical = "POST\n/\n\n" + headers + "\n" + signed + "\n" + hex(sha256(body));
    String scope = date + "/" + region + "/dynamodb/aws4_request";
    String toSign =
        "AWS4-HMAC-SHA256\n"
            + amzDate
            + "\n"
            + scope
            + "\n"
            + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
    byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, region);
    key = hmac(key, "dynamodb");
    key = hmac(key, "aws4_request");
    String signature = hex(hmac(key, toSign));
    return "AWS4-HMAC-SHA256 Credential="
        + accessKeyId
        + "/"
        + scope
        + ", SignedHeaders="
        + signed
        + ", Signature="
        + signature;
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
