package dev.sqlup.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.config.CampaignControl;
import dev.sqlup.config.CampaignServices;
import dev.sqlup.config.Services;
import dev.sqlup.config.UpgradeLauncher;
import dev.sqlup.domain.Instance;
import dev.sqlup.store.CampaignRepository;
import dev.sqlup.store.TableDefinitions;
import dev.sqlup.store.TestTables;
import dev.sqlup.testing.TestJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The campaign routes and steps wired to fresh dynalite tables (Instances, UpgradeTasks,
 * Campaigns), a settable clock and a recording {@link CampaignControl} (Step Functions itself is
 * the ASL engine's, tested end to end elsewhere).
 */
public final class CampaignWorld {
  public final DynamoDbClient dynamo;
  public final TestTables tables;
  public final String campaignsTable;
  public final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
  public final RecordingControl control = new RecordingControl();
  public final Services services;
  public final CampaignRepository campaigns;

  public CampaignWorld(DynamoDbClient dynamo) {
    this.dynamo = dynamo;
    this.tables = TestTables.create(dynamo);
    this.campaignsTable = tables.instances().replace("Instances", "Campaigns");
    TableDefinitions.createAll(dynamo, List.of(TableDefinitions.campaigns(campaignsTable)));
    this.services =
        new Services(
                Map.of(
                    Services.INSTANCES_TABLE,
                    tables.instances(),
                    Services.TASKS_TABLE,
                    tables.tasks(),
                    CampaignServices.CAMPAIGNS_TABLE,
                    campaignsTable),
                clock)
            .withDynamoDb(dynamo);
    this.campaigns = CampaignServices.campaigns(services);
  }

  public void register(Instance... instances) {
    for (Instance i : instances) {
      services.instances().create(i);
    }
  }

  public record Response(int status, JsonNode body) {}

  public Response send(String method, String resource, Map<String, String> path, String body) {
    String p = resource;
    for (Map.Entry<String, String> e : path.entrySet()) {
      p = p.replace("{" + e.getKey() + "}", e.getValue());
    }
    APIGatewayProxyRequestEvent event =
        new APIGatewayProxyRequestEvent()
            .withHttpMethod(method)
            .withResource(resource)
            .withPath(p)
            .withPathParameters(path.isEmpty() ? null : path)
            .withBody(body)
            .withRequestContext(
                new APIGatewayProxyRequestEvent.ProxyRequestContext().withRequestId("test"));
    ApiHandler handler =
        switch (method + " " + resource) {
          case "POST /campaigns" -> new CreateCampaignHandler(services, campaigns, control);
          case "GET /campaigns" -> new ListCampaignsHandler(services);
          case "GET /campaigns/{campaignId}" -> new GetCampaignHandler(services);
          case "POST /campaigns/{campaignId}/actions" ->
              new CampaignActionHandler(services, campaigns, control);
          default -> throw new IllegalArgumentException(method + " " + resource);
        };
    APIGatewayProxyResponseEvent r = handler.handleRequest(event, null);
    try {
      return new Response(r.getStatusCode(), TestJson.MAPPER.readTree(r.getBody()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Response action(String campaignId, String action) {
    return send(
        "POST",
        "/campaigns/{campaignId}/actions",
        Map.of("campaignId", campaignId),
        "{\"action\":\"" + action + "\"}");
  }

  /** Every item of every table, to prove bad input changed nothing. */
  public List<Map<String, AttributeValue>> snapshot() {
    List<Map<String, AttributeValue>> all = new java.util.ArrayList<>();
    for (String t : List.of(tables.instances(), tables.tasks(), campaignsTable)) {
      all.addAll(dynamo.scan(b -> b.tableName(t).consistentRead(true)).items());
    }
    return all;
  }

  /** What the handlers asked of Step Functions. */
  public static final class RecordingControl implements CampaignControl {
    public final List<String> started = new CopyOnWriteArrayList<>();
    public final List<String> approved = new CopyOnWriteArrayList<>();
    public final List<String> refused = new CopyOnWriteArrayList<>();
    public volatile boolean failStarts;

    @Override
    public void start(String campaignId, String inputJson) {
      if (failStarts) {
        throw new UpgradeLauncher.LaunchFailedException("StateMachineDoesNotExist", null);
      }
      started.add(campaignId + " " + inputJson);
    }

    @Override
    public boolean approve(String taskToken, String outputJson) {
      approved.add(taskToken);
      return true;
    }

    @Override
    public boolean refuse(String taskToken, String error, String cause) {
      refused.add(taskToken + " " + error);
      return true;
    }
  }

  /** A clock tests move by hand. */
  public static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    public void advanceSeconds(long s) {
      now = now.plusSeconds(s);
    }

    @Override
    public ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
