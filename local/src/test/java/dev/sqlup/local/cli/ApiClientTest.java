package dev.sqlup.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiClientTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
  private final Map<String, String> credentials =
      Map.of(
          "AWS_ACCESS_KEY_ID",
          "AKIDEXAMPLE",
          "AWS_SECRET_ACCESS_KEY",
          "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
          "AWS_SESSION_TOKEN",
          "token-1");

  @Test
  void deployedApiWithCredentials_isSignedForExecuteApiInTheUrlsRegion() {
    ApiClient client =
        new ApiClient(
            URI.create("https://abc123.execute-api.eu-west-1.amazonaws.com/v1/"),
            credentials,
            clock);
    assertThat(client.signs()).isTrue();
    assertThat(client.region()).isEqualTo("eu-west-1");
    HttpRequest request = client.request("POST", "/instances/db-1/upgrades", "{\"dryRun\":true}");
    assertThat(request.uri().toString())
        .isEqualTo("https://abc123.execute-api.eu-west-1.amazonaws.com/v1/instances/db-1/upgrades");
    String authorization = request.headers().firstValue("Authorization").orElseThrow();
    assertThat(authorization)
        .startsWith(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260301/eu-west-1/execute-api/aws4_request")
        .contains("SignedHeaders=")
        .contains("Signature=");
    assertThat(request.headers().firstValue("X-Amz-Date")).contains("20260301T100000Z");
    assertThat(request.headers().firstValue("X-Amz-Security-Token")).contains("token-1");
  }

  @Test
  void loopbackOrNoCredentials_isNotSigned() {
    assertThat(new ApiClient(URI.create("http://127.0.0.1:3000"), credentials, clock).signs())
        .isFalse();
    assertThat(new ApiClient(URI.create("http://localhost:3000"), credentials, clock).signs())
        .isFalse();
    ApiClient anonymous =
        new ApiClient(
            URI.create("https://abc.execute-api.us-east-1.amazonaws.com/v1"), Map.of(), clock);
    assertThat(anonymous.signs()).isFalse();
    assertThat(anonymous.request("GET", "/instances", null).headers().firstValue("Authorization"))
        .isEmpty();
  }
}
