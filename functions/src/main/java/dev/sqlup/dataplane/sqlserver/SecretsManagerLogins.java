package dev.sqlup.dataplane.sqlserver;

import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.dataplane.TransientDataPlaneException;
import dev.sqlup.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * Logins from AWS Secrets Manager (GetSecretValue: SecretString {@code {"username": "...",
 * "password": "..."}}, the layout of RDS and of the rotation templates), cached per container for
 * {@code ttl} so a warm Lambda does not call Secrets Manager on every poll. After a login failure
 * the caller invalidates the entry, so a rotated password is picked up on retry. Error messages
 * name the secret ARN, never its content.
 */
public final class SecretsManagerLogins {

  private final SecretsManagerClient client;
  private final Clock clock;
  private final Duration ttl;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(SqlLogin login, Instant expires) {}

  public SecretsManagerLogins(SecretsManagerClient client, Clock clock, Duration ttl) {
    this.client = client;
    this.clock = clock;
    this.ttl = ttl;
  }

  public SqlLogin login(String secretArn) {
    if (secretArn == null || secretArn.isBlank()) {
      throw new PermanentDataPlaneException("SECRET_MISSING: the instance record has no secretArn");
    }
    Instant now = clock.instant();
    Cached cached = cache.get(secretArn);
    if (cached != null && now.isBefore(cached.expires())) {
      return cached.login();
    }
    SqlLogin login = fetch(secretArn);
    cache.put(secretArn, new Cached(login, now.plus(ttl)));
    return login;
  }

  public void invalidate(String secretArn) {
    cache.remove(secretArn);
  }

  private SqlLogin fetch(String secretArn) {
    GetSecretValueResponse response;
    try {
      response = client.getSecretValue(b -> b.secretId(secretArn));
    } catch (ResourceNotFoundException e) {
      throw new PermanentDataPlaneException("SECRET_NOT_FOUND: " + secretArn);
    } catch (SecretsManagerException e) {
      int status = e.statusCode();
      if (status == 400
              && e.awsErrorDetails() != null
              && "ThrottlingException".equals(e.awsErrorDetails().errorCode())
          || status >= 500
          || status == 429) {
        throw new TransientDataPlaneException(
            "SECRET_UNAVAILABLE: " + secretArn + " (HTTP " + status + ")");
      }
      throw new PermanentDataPlaneException(
          "SECRET_ACCESS_DENIED: "
              + secretArn
              + " (HTTP "
              + status
              + ", "
              + (e.awsErrorDetails() == null ? "?" : e.awsErrorDetails().errorCode())
              + ")");
    } catch (SdkException e) {
      throw new TransientDataPlaneException(
          "SECRET_UNAVAILABLE: " + secretArn + " (" + e.getClass().getSimpleName() + ")");
    }
    String text = response.secretString();
    Map<String, Object> json;
    try {
      json = text == null ? null : Json.readObject(text);
    } catch (Exception e) {
      // No cause attached: a JSON parser's message quotes the text it choked on, which is the
      // secret.
      throw new PermanentDataPlaneException(
          "SECRET_MALFORMED: " + secretArn + " is not a JSON object");
    }
    if (json == null
        || !(json.get("username") instanceof String username)
        || !(json.get("password") instanceof String password)) {
      throw new PermanentDataPlaneException(
          "SECRET_MALFORMED: " + secretArn + " needs string fields username and password");
    }
    return new SqlLogin(username, password);
  }
}
