package dev.sqlup.dataplane.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The same Route 53 and Secrets Manager code against LocalStack (a second, independent
 * implementation of the services). Runs with -Pdocker or -Plocalstack; skipped without Docker.
 */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
class LocalStackAwsTest {
  @Container
  static final LocalStackContainer LOCALSTACK =
      new LocalStackContainer("localstack/localstack:4.4")
          .withServices("route53", "secretsmanager");

  private static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey()));
  }

  @Test
  void route53Upsert_reachesInsync_andTheRecordPointsAtTheTarget() throws Exception {
    try (Route53Client client =
        Route53Client.builder()
            .endpointOverride(LOCALSTACK.getEndpoint())
            .region(Region.AWS_GLOBAL)
            .credentialsProvider(credentials())
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build()) {
      String zone =
          client
              .createHostedZone(
                  b -> b.name("db.example.com.").callerReference("sqlup-" + System.nanoTime()))
              .hostedZone()
              .id()
              .replace("/hostedzone/", "");
      Route53Endpoint endpoint = new Route53Endpoint(client);

      String change =
          endpoint.upsert(
              new Route53Endpoint.RecordChange(
                  zone, "sales.db.example.com.", "CNAME", "target-07.db.example.com", 60));
      Instant deadline = Instant.now().plusSeconds(60);
      while (!endpoint.inSync(change) && Instant.now().isBefore(deadline)) {
        Thread.sleep(500);
      }

      assertThat(endpoint.inSync(change)).isTrue();
      assertThat(client.listResourceRecordSets(b -> b.hostedZoneId(zone)).resourceRecordSets())
          .filteredOn(r -> r.type() == RRType.CNAME && r.name().equals("sales.db.example.com."))
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.ttl()).isEqualTo(60L);
                assertThat(r.resourceRecords().get(0).value())
                    .isEqualTo("target-07.db.example.com");
              });
    }
  }

  @Test
  void secretsManagerLogin_readsTheRdsStyleSecret() {
    try (SecretsManagerClient client =
        SecretsManagerClient.builder()
            .endpointOverride(LOCALSTACK.getEndpoint())
            .region(Region.of(LOCALSTACK.getRegion()))
            .credentialsProvider(credentials())
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build()) {
      String arn =
          client
              .createSecret(
                  b ->
                      b.name("sqlup/sales-" + System.nanoTime())
                          .secretString(
                              "{\"username\":\"sqlup\",\"password\":\"from-localstack\"}"))
              .arn();

      SqlLogin login =
          new SecretsManagerLogins(client, Clock.systemUTC(), Duration.ofMinutes(5)).login(arn);

      assertThat(login).isEqualTo(new SqlLogin("sqlup", "from-localstack"));
    }
  }
}
