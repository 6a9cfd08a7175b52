package dev.sqlup.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlup.local.runtime.UserException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * HTTP client for sqlup's API, local ({@code sqlup serve}) or deployed (API Gateway with IAM auth).
 * Requests are SigV4-signed for {@code execute-api} when AWS credentials are in the environment and
 * the URL is not loopback. Non-2xx answers become {@link ApiException} carrying the API's {@code
 * {"code","message","requestId"}}.
 */
public final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern EXECUTE_API_HOST =
      Pattern.compile("[^.]+\\.execute-api\\.([a-z0-9-]+)\\.amazonaws\\.com.*");
  private static final Set<String> UNSETTABLE =
      Set.of("host", "content-length", "connection", "expect", "upgrade");

  /** A non-2xx answer of the API. */
  public static final class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final String requestId;

    ApiException(int status, String code, String message, String requestId) {
      super(message);
      this.status = status;
      this.code = code;
      this.requestId = requestId;
    }

    public int status() {
      return status;
    }

    public String code() {
      return code;
    }

    public String requestId() {
      return requestId;
    }
  }

  private final URI base;
  private final Map<String, String> env;
  private final Clock clock;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /**
   * @param base e.g. {@code http://127.0.0.1:3000} or {@code
   *     https://abc.execute-api.eu-west-1.amazonaws.com/v1}
   * @param env where the credentials ({@code AWS_ACCESS_KEY_ID}, ...) and region are read from
   */
  public ApiClient(URI base, Map<String, String> env, Clock clock) {
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.env = env;
    this.clock = clock;
  }

  /** Whether requests are signed: credentials present and the host is not loopback. */
  public boolean signs() {
    return credentials() != null && !isLoopback(base);
  }

  static boolean isLoopback(URI uri) {
    String host = uri.getHost();
    return host == null
        || host.equals("localhost")
        || host.startsWith("127.")
        || host.equals("[::1]");
  }

  private AwsCredentialsIdentity credentials() {
    String key = env.get("AWS_ACCESS_KEY_ID");
    String secret = env.get("AWS_SECRET_ACCESS_KEY");
    if (key == null || key.isBlank() || secret == null || secret.isBlank()) {
      return null;
    }
    String token = env.get("AWS_SESSION_TOKEN");
    return token == null || token.isBlank()
        ? AwsCredentialsIdentity.create(key, secret)
        : AwsSessionCredentialsIdentity.create(key, secret, token);
  }

  /**
   * The signing region: from an execute-api host name, else AWS_REGION / AWS_DEFAULT_REGION, else
   * us-east-1.
   */
  String region() {
    Matcher m = EXECUTE_API_HOST.matcher(base.getHost() == null ? "" : base.getHost());
    if (m.matches()) {
      return m.group(1);
    }
    return env.getOrDefault("AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", "us-east-1"));
  }

  public JsonNode get(String path) {
    return send("GET", path, null);
  }

  public JsonNode post(String path, JsonNode body) {
    return send("POST", path, body == null ? null : body.toString());
  }

  public JsonNode patch(String path, JsonNode body) {
    return send("PATCH", path, body.toString());
  }

  public JsonNode delete(String path) {
    return send("DELETE", path, null);
  }

  /** POST without a body (e.g. {@code /tasks/{taskId}/switchover}). */
  public JsonNode post(String path) {
    return send("POST", path, null);
  }

  /** Builds the (signed when {@link #signs()}) request; exposed for tests. */
  HttpRequest request(String method, String path, String body) {
    URI uri = URI.create(base + path);
    Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
    headers.put("Accept", List.of("application/json"));
    if (body != null) {
      headers.put("Content-Type", List.of("application/json"));
    }
    if (signs()) {
      SdkHttpRequest.Builder unsigned =
          SdkHttpRequest.builder().uri(uri).method(SdkHttpMethod.fromValue(method));
      headers.forEach(unsigned::putHeader);
      SignedRequest signed =
          AwsV4HttpSigner.create()
              .sign(
                  r ->
                      r.identity(credentials())
                          .request(unsigned.build())
                          .payload(body == null ? null : ContentStreamProvider.fromUtf8String(body))
                          .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                          .putProperty(AwsV4HttpSigner.REGION_NAME, region())
                          .putProperty(HttpSigner.SIGNING_CLOCK, clock));
      headers = signed.request().headers();
    }
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(
        (name, values) -> {
          if (!UNSETTABLE.contains(name.toLowerCase(java.util.Locale.ROOT))) {
            values.forEach(v -> builder.header(name, v));
          }
        });
    return builder.build();
  }

  private JsonNode send(String method, String path, String body) {
    HttpResponse<String> response;
    try {
      response =
          http.send(
              request(method, path, body),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (ConnectException e) {
      throw new UserException(
          "cannot reach " + base + ": start it with `sqlup serve` or pass --api-url <url>");
    } catch (IOException e) {
      throw new UserException(
          "cannot reach " + base + ": " + e.getMessage() + " (check --api-url)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    JsonNode json;
    try {
      json = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      json = null;
    }
    if (response.statusCode() / 100 != 2) {
      String code = json != null ? json.path("code").asText(null) : null;
      String message =
          json != null && json.has("message") ? json.get("message").asText() : response.body();
      String requestId = json != null ? json.path("requestId").asText(null) : null;
      if (requestId == null) {
        requestId = response.headers().firstValue("x-amzn-RequestId").orElse(null);
      }
      throw new ApiException(
          response.statusCode(),
          code == null ? "HTTP" + response.statusCode() : code,
          message,
          requestId);
    }
    if (json == null) {
      throw new UserException(
          method
              + " "
              + path
              + " answered something that is not JSON: is --api-url the sqlup API?");
    }
    return json;
  }
}
