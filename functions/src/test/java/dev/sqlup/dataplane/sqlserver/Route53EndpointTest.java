package dev.sqlup.dataplane.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.dataplane.TransientDataPlaneException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The real Route 53 SDK client against a local HTTP server answering the documented XML. */
class Route53EndpointTest {
  private static final String NS = "https://route53.amazonaws.com/doc/2013-04-01/";

  static FakeAwsServer.Response changeInfo(String root, String status) {
    return new FakeAwsServer.Response(
        200,
        "text/xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<"
            + root
            + " xmlns=\""
            + NS
            + "\">"
            + "<ChangeInfo><Id>/change/C2682N5HXP0BZ4</Id><Status>"
            + status
            + "</Status>"
            + "<SubmittedAt>2026-11-24T12:00:00.000Z</SubmittedAt></ChangeInfo></"
            + root
            + ">");
  }

  static FakeAwsServer.Response error(int status, String code) {
    return new FakeAwsServer.Response(
        status,
        "text/xml",
        "<?xml version=\"1.0\"?>\n<ErrorResponse xmlns=\""
            + NS
            + "\"><Error>"
            + "<Type>Sender</Type><Code>"
            + code
            + "</Code><Message>"
            + code
            + " happened</Message></Error><RequestId>r1</RequestId></ErrorResponse>");
  }

  /**
   * Plays Route 53: ChangeResourceRecordSets answers PENDING; GetChange answers PENDING then
   * INSYNC.
   */
  static FakeAwsServer route53() {
    AtomicInteger gets = new AtomicInteger();
    return new FakeAwsServer(
        request -> {
          if (request.method().equals("POST")
              && request.path().matches("/2013-04-01/hostedzone/[^/]+/rrset/?")) {
            return changeInfo("ChangeResourceRecordSetsResponse", "PENDING");
          }
          if (request.method().equals("GET") && request.path().startsWith("/2013-04-01/change/")) {
            return changeInfo(
                "GetChangeResponse", gets.incrementAndGet() < 2 ? "PENDING" : "INSYNC");
          }
          return error(400, "InvalidInput");
        });
  }

  @Test
  void upsert_sendsTheDocumentedChangeBatch_andWaitsForInsync() {
    try (FakeAwsServer server = route53();
        var client = AwsClients.route53(server.endpoint())) {
      Route53Endpoint endpoint = new Route53Endpoint(client);

      String changeId =
          endpoint.upsert(
              new Route53Endpoint.RecordChange(
                  "Z1D633PJN98FT9",
                  "sales.db.example.com.",
                  "CNAME",
                  "target-07.db.example.com",
                  60));

      assertThat(changeId).endsWith("C2682N5HXP0BZ4");
      FakeAwsServer.Request request = server.requests.get(0);
      assertThat(request.path()).isEqualTo("/2013-04-01/hostedzone/Z1D633PJN98FT9/rrset/");
      assertThat(request.body())
          .contains("<ChangeResourceRecordSetsRequest xmlns=\"" + NS + "\">")
          .contains("<Action>UPSERT</Action>")
          .contains("<Name>sales.db.example.com.</Name><Type>CNAME</Type><TTL>60</TTL>")
          .contains(
              "<ResourceRecords><ResourceRecord><Value>target-07.db.example.com</Value></ResourceRecord></ResourceRecords>");
      assertThat(endpoint.inSync(changeId)).isFalse();
      assertThat(endpoint.inSync(changeId)).isTrue();
      assertThat(server.requests.get(1).path()).isEqualTo("/2013-04-01/change/C2682N5HXP0BZ4");
    }
  }

  @Test
  void ttlAbove60Seconds_isRefusedBeforeAnyCall() {
    assertThatThrownBy(
            () -> new Route53Endpoint.RecordChange("Z1", "a.example.com.", "CNAME", "b", 300))
        .isInstanceOf(PermanentDataPlaneException.class)
        .hasMessageContaining("TTL");
    assertThatThrownBy(
            () ->
                new Route53Endpoint.RecordChange("Z1", "a.example.com.", "A", "b.example.com", 30))
        .hasMessageContaining("IPv4");
    assertThatThrownBy(
            () -> new Route53Endpoint.RecordChange("Z1", "a.example.com.", "TXT", "x", 30))
        .hasMessageContaining("CNAME or A");
  }

  @Test
  void unknownZone_isPermanent_andThrottling_isTransient() {
    try (FakeAwsServer server = new FakeAwsServer(r -> error(404, "NoSuchHostedZone"));
        var client = AwsClients.route53(server.endpoint())) {
      assertThatThrownBy(
              () ->
                  new Route53Endpoint(client)
                      .upsert(
                          new Route53Endpoint.RecordChange(
                              "ZX", "a.example.com.", "A", "10.0.0.7", 60)))
          .isInstanceOf(PermanentDataPlaneException.class)
          .hasMessageStartingWith("ROUTE53_NO_SUCH_ZONE");
    }
    try (FakeAwsServer server = new FakeAwsServer(r -> error(400, "Throttling"));
        var client = AwsClients.route53(server.endpoint())) {
      assertThatThrownBy(() -> new Route53Endpoint(client).inSync("C1"))
          .isInstanceOf(TransientDataPlaneException.class);
    }
  }
}
