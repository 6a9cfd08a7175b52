package dev.sqlup.dataplane.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.dataplane.TransientDataPlaneException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The real Secrets Manager SDK client against a local HTTP server answering GetSecretValue JSON.
 */
class SecretsManagerLoginsTest {
  static final String ARN =
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:sqlup/sales-AbCdEf";

  static FakeAwsServer secretsManager(String secretString) {
    return new FakeAwsServer(
        request -> {
          if (!"secretsmanager.GetSecretValue".equals(request.header("X-Amz-Target"))) {
            return new FakeAwsServer.Response(
                400,
                "application/x-amz-json-1.1",
                "{\"__type\":\"InvalidRequestException\",\"message\":\"bad target\"}");
          }
          try {
            Map<?, ?> body = new ObjectMapper().readValue(request.body(), Map.class);
            if (!ARN.equals(body.get("SecretId"))) {
              return new FakeAwsServer.Response(
                  400,
                  "application/x-amz-json-1.1",
                  "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find the specified secret.\"}");
            }
            return new FakeAwsServer.Response(
                200,
                "application/x-amz-json-1.1",
                new ObjectMapper()
                    .writeValueAsString(
                        Map.of(
                            "ARN",
                            ARN,
                            "Name",
                            "sqlup/sales",
                            "SecretString",
                            secretString,
                            "VersionId",
                            "v1",
                            "CreatedDate",
                            1.7e9)));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  static class MutableClock extends Clock {
    Instant now = Instant.parse("2026-11-24T12:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void login_isReadOnce_andCachedForTheTtl_thenReadAgain() {
    MutableClock clock = new MutableClock();
    try (FakeAwsServer server = secretsManager("{\"username\":\"sqlup\",\"password\":\"p@ss\"}");
        var client = AwsClients.secretsManager(server.endpoint())) {
      SecretsManagerLogins logins = new SecretsManagerLogins(client, clock, Duration.ofMinutes(5));

      assertThat(logins.login(ARN)).isEqualTo(new SqlLogin("sqlup", "p@ss"));
      assertThat(logins.login(ARN)).isEqualTo(new SqlLogin("sqlup", "p@ss"));
      assertThat(server.requests).hasSize(1);
      assertThat(server.requests.get(0).header("Content-Type"))
          .isEqualTo("application/x-amz-json-1.1");

      clock.now = clock.now.plus(Duration.ofMinutes(6));
      logins.login(ARN);
      assertThat(server.requests).hasSize(2);

      logins.invalidate(ARN);
      logins.login(ARN);
      assertThat(server.requests).hasSize(3);
    }
  }

  @Test
  void unknownSecret_isPermanent_andNamesTheArnOnly() {
    try (FakeAwsServer server = secretsManager("{}");
        var client = AwsClients.secretsManager(server.endpoint())) {
      SecretsManagerLogins logins =
          new SecretsManagerLogins(client, new MutableClock(), Duration.ofMinutes(5));
      assertThatThrownBy(() -> logins.login(ARN + "-other"))
          .isInstanceOf(PermanentDataPlaneException.class)
          .hasMessage("SECRET_NOT_FOUND: " + ARN + "-other");
    }
  }

  @Test
  void malformedSecret_errorNeverQuotesTheSecretText() {
    String broken = "{\"username\":\"sqlup\",\"password\":\"Hunter2-leak\"";
    try (FakeAwsServer server = secretsManager(broken);
        var client = AwsClients.secretsManager(server.endpoint())) {
      SecretsManagerLogins logins =
          new SecretsManagerLogins(client, new MutableClock(), Duration.ofMinutes(5));
      assertThatThrownBy(() -> logins.login(ARN))
          .isInstanceOf(PermanentDataPlaneException.class)
          .hasMessageStartingWith("SECRET_MALFORMED")
          .hasNoCause()
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Hunter2"));
    }
  }

  @Test
  void serviceErrors_areTransient() {
    try (FakeAwsServer server =
            new FakeAwsServer(
                r ->
                    new FakeAwsServer.Response(
                        500,
                        "application/x-amz-json-1.1",
                        "{\"__type\":\"InternalServiceError\",\"message\":\"oops\"}"));
        var client = AwsClients.secretsManager(server.endpoint())) {
      assertThatThrownBy(
              () ->
                  new SecretsManagerLogins(client, new MutableClock(), Duration.ofMinutes(5))
                      .login(ARN))
          .isInstanceOf(TransientDataPlaneException.class);
    }
  }

  @Test
  void sqlLogin_toStringHidesThePassword() {
    assertThat(new SqlLogin("u", "p@ss-word").toString()).doesNotContain("p@ss-word");
  }
}
