package dev.sqlup.dataplane.sqlserver;

import dev.sqlup.dataplane.PermanentDataPlaneException;
import dev.sqlup.dataplane.TransientDataPlaneException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.NoSuchChangeException;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.Route53Exception;

/**
 * The instance endpoint is a Route 53 record: moving it is an UPSERT of the record to the target
 * (ChangeResourceRecordSets:
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeResourceRecordSets.html)
 * followed by waiting until the change is INSYNC on every authoritative server (GetChange:
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_GetChange.html). The TTL is at most
 * 60 s, matching the guide's advice that clients cache DNS for 60 s or less.
 */
public final class Route53Endpoint {
  public static final long MAX_TTL_SECONDS = 60;

  private final Route53Client client;

  public Route53Endpoint(Route53Client client) {
    this.client = client;
  }

  /** The record to write: zone, name, CNAME or A, the value (host name or IPv4 address) and TTL. */
  public record RecordChange(
      String hostedZoneId, String recordName, String type, String value, long ttlSeconds) {
    public RecordChange {
      if (hostedZoneId == null
          || hostedZoneId.isBlank()
          || recordName == null
          || recordName.isBlank()) {
        throw new PermanentDataPlaneException(
            "ROUTE53_CONFIG: route53ZoneId and the endpoint record name are required");
      }
      if (!"CNAME".equals(type) && !"A".equals(type)) {
        throw new PermanentDataPlaneException(
            "ROUTE53_CONFIG: record type must be CNAME or A, not " + type);
      }
      if (ttlSeconds < 0 || ttlSeconds > MAX_TTL_SECONDS) {
        throw new PermanentDataPlaneException(
            "ROUTE53_CONFIG: TTL must be 0-" + MAX_TTL_SECONDS + " s, not " + ttlSeconds);
      }
      if ("A".equals(type) && !value.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
        throw new PermanentDataPlaneException(
            "ROUTE53_CONFIG: an A record needs an IPv4 address, not " + value);
      }
    }
  }

  /** UPSERT (idempotent by nature); returns the change id to poll. */
  public String upsert(RecordChange change) {
    try {
      return client
          .changeResourceRecordSets(
              r ->
                  r.hostedZoneId(change.hostedZoneId())
                      .changeBatch(
                          b ->
                              b.comment("sqlup endpoint move")
                                  .changes(
                                      c ->
                                          c.action(ChangeAction.UPSERT)
                                              .resourceRecordSet(
                                                  s ->
                                                      s.name(change.recordName())
                                                          .type(RRType.fromValue(change.type()))
                                                          .ttl(change.ttlSeconds())
                                                          .resourceRecords(
                                                              rr -> rr.value(change.value()))))))
          .changeInfo()
          .id();
    } catch (NoSuchHostedZoneException e) {
      throw new PermanentDataPlaneException("ROUTE53_NO_SUCH_ZONE: " + change.hostedZoneId());
    } catch (Route53Exception e) {
      throw translate("ChangeResourceRecordSets", e);
    } catch (SdkException e) {
      throw new TransientDataPlaneException("ROUTE53_UNAVAILABLE: " + e.getMessage(), e);
    }
  }

  /** True once the change is INSYNC. */
  public boolean inSync(String changeId) {
    try {
      return client.getChange(r -> r.id(changeId)).changeInfo().status() == ChangeStatus.INSYNC;
    } catch (NoSuchChangeException e) {
      throw new PermanentDataPlaneException("ROUTE53_NO_SUCH_CHANGE: " + changeId);
    } catch (Route53Exception e) {
      throw translate("GetChange", e);
    } catch (SdkException e) {
      throw new TransientDataPlaneException("ROUTE53_UNAVAILABLE: " + e.getMessage(), e);
    }
  }

  private static RuntimeException translate(String call, Route53Exception e) {
    String code = e.awsErrorDetails() == null ? "?" : e.awsErrorDetails().errorCode();
    if (e.statusCode() >= 500
        || e.statusCode() == 429
        || "Throttling".equals(code)
        || "PriorRequestNotComplete".equals(code)) {
      return new TransientDataPlaneException("ROUTE53_" + call + ": " + code, e);
    }
    return new PermanentDataPlaneException(
        "ROUTE53_" + call + ": " + code + " " + e.getMessage(), e);
  }
}
