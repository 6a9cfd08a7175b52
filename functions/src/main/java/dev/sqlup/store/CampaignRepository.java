package dev.sqlup.store;

import dev.sqlup.domain.campaign.Campaign;
import dev.sqlup.domain.campaign.CampaignMember;
import dev.sqlup.domain.campaign.CampaignStatus;
import dev.sqlup.domain.campaign.CampaignWave;
import dev.sqlup.domain.campaign.MemberStatus;
import dev.sqlup.json.Json;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The {@code Campaigns} table, one item per campaign. Every write is a single-item conditional
 * write: the status moves only from the statuses an action allows ({@code #status IN (...)}); one
 * instance's state is one path of the {@code members} map ({@code SET members.#id = :m}), so
 * upgrades finishing at the same time never overwrite each other and need no version check. {@code
 * status}, {@code name} and {@code version} are reserved words: always through expression attribute
 * names.
 */
public final class CampaignRepository {
  public static final String CAMPAIGN_ID = "campaignId";

  private final DynamoDbClient dynamo;
  private final String table;
  private final Clock clock;

  public CampaignRepository(DynamoDbClient dynamo, String table, Clock clock) {
    this.dynamo = dynamo;
    this.table = table;
    this.clock = clock;
  }

  /** Stores a new campaign with version 1. */
  public Campaign create(Campaign c) {
    Campaign stored =
        new Campaign(
            c.campaignId(),
            c.name(),
            c.spec(),
            c.status(),
            c.currentWave(),
            c.waves(),
            c.members(),
            c.approvalToken(),
            c.haltReason(),
            c.expectedEnd(),
            c.createdAt(),
            c.updatedAt(),
            c.endedAt(),
            1);
    try {
      dynamo.putItem(
          b ->
              b.tableName(table)
                  .item(ItemCodec.toItem(stored))
                  .conditionExpression("attribute_not_exists(campaignId)"));
    } catch (ConditionalCheckFailedException e) {
      throw new CampaignAlreadyExistsException(get(c.campaignId()));
    }
    return stored;
  }

  public Optional<Campaign> find(String campaignId) {
    GetItemResponse r =
        dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(key(campaignId)));
    return r.hasItem() && !r.item().isEmpty()
        ? Optional.of(ItemCodec.fromItem(r.item(), Campaign.class))
        : Optional.empty();
  }

  public Campaign get(String campaignId) {
    return find(campaignId).orElseThrow(() -> new CampaignNotFoundException(campaignId));
  }

  /** Campaigns in table order, {@code limit} per page. */
  public Page<Campaign> list(int limit, String nextToken) {
    Map<String, AttributeValue> start =
        PageTokens.decode(nextToken, Set.of(CAMPAIGN_ID), null, null);
    ScanResponse r = dynamo.scan(b -> b.tableName(table).limit(limit).exclusiveStartKey(start));
    return new Page<>(
        r.items().stream().map(i -> ItemCodec.fromItem(i, Campaign.class)).toList(),
        PageTokens.encode(r.lastEvaluatedKey()));
  }

  /**
   * Moves the campaign to {@code to} when its status is one of {@code from}; {@code haltReason} is
   * set when not null; the approval token is removed when {@code clearApprovalToken} (it was used
   * or refused).
   *
   * @throws CampaignStateException the campaign's status is not one of {@code from} (nothing
   *     changed)
   */
  public Campaign transition(
      String campaignId,
      Set<CampaignStatus> from,
      CampaignStatus to,
      String haltReason,
      boolean clearApprovalToken,
      String action) {
    Map<String, String> names = new HashMap<>(Map.of("#status", "status", "#version", "version"));
    Map<String, AttributeValue> values = new HashMap<>();
    StringBuilder in = new StringBuilder();
    int i = 0;
    for (CampaignStatus s : from) {
      in.append(i == 0 ? "" : ", ").append(":from").append(i);
      values.put(":from" + i++, AttributeValue.fromS(s.name()));
    }
    values.put(":to", AttributeValue.fromS(to.name()));
    values.put(":one", AttributeValue.fromN("1"));
    values.put(":now", AttributeValue.fromS(Json.format(clock.instant())));
    StringBuilder set =
        new StringBuilder("SET #status = :to, #version = #version + :one, updatedAt = :now");
    if (haltReason != null) {
      set.append(", haltReason = :reason");
      values.put(":reason", AttributeValue.fromS(haltReason));
    }
    if (to.isFinal()) {
      set.append(", endedAt = :now");
    }
    String update = set + (clearApprovalToken ? " REMOVE approvalToken" : "");
    try {
      Map<String, AttributeValue> item =
          dynamo
              .updateItem(
                  b ->
                      b.tableName(table)
                          .key(key(campaignId))
                          .conditionExpression(
                              "attribute_exists(campaignId) AND #status IN (" + in + ")")
                          .updateExpression(update)
                          .expressionAttributeNames(names)
                          .expressionAttributeValues(values)
                          .returnValues(ReturnValue.ALL_NEW))
              .attributes();
      return ItemCodec.fromItem(item, Campaign.class);
    } catch (ConditionalCheckFailedException e) {
      throw new CampaignStateException(campaignId, get(campaignId).status(), action);
    }
  }

  /**
   * Records the approval step's task token: a Running campaign becomes WaitingForApproval, a Paused
   * one stays Paused with the token (resume then makes it WaitingForApproval). A retried step
   * rewrites its token.
   *
   * @throws CampaignStateException the campaign is halted or finished (nothing changed)
   */
  public Campaign awaitApproval(String campaignId, String taskToken) {
    for (CampaignStatus from :
        List.of(CampaignStatus.Running, CampaignStatus.WaitingForApproval, CampaignStatus.Paused)) {
      CampaignStatus to =
          from == CampaignStatus.Paused ? CampaignStatus.Paused : CampaignStatus.WaitingForApproval;
      try {
        Map<String, AttributeValue> item =
            dynamo
                .updateItem(
                    b ->
                        b.tableName(table)
                            .key(key(campaignId))
                            .conditionExpression("#status = :from")
                            .updateExpression(
                                "SET approvalToken = :token, #status = :to, #version = #version + :one, updatedAt = :now")
                            .expressionAttributeNames(
                                Map.of("#status", "status", "#version", "version"))
                            .expressionAttributeValues(
                                Map.of(
                                    ":from",
                                    s(from),
                                    ":to",
                                    s(to),
                                    ":token",
                                    AttributeValue.fromS(taskToken),
                                    ":one",
                                    AttributeValue.fromN("1"),
                                    ":now",
                                    AttributeValue.fromS(Json.format(clock.instant()))))
                            .returnValues(ReturnValue.ALL_NEW))
                .attributes();
        return ItemCodec.fromItem(item, Campaign.class);
      } catch (ConditionalCheckFailedException e) {
        // not in this status: try the next
      }
    }
    throw new CampaignStateException(campaignId, get(campaignId).status(), "wait for approval");
  }

  /** Sets one instance's state (a single path of the members map). */
  public void putMember(String campaignId, CampaignMember member) {
    dynamo.updateItem(
        b ->
            b.tableName(table)
                .key(key(campaignId))
                .conditionExpression("attribute_exists(campaignId)")
                .updateExpression("SET members.#id = :m, updatedAt = :now")
                .expressionAttributeNames(Map.of("#id", member.instanceId()))
                .expressionAttributeValues(
                    Map.of(
                        ":m",
                        ItemCodec.toAttribute(Json.toTree(member)),
                        ":now",
                        AttributeValue.fromS(Json.format(clock.instant())))));
  }

  /**
   * Sets one instance's state only while it is one of {@code expected}; false (nothing changed)
   * otherwise, so a retried step never moves an instance back (a finished upgrade stays finished).
   */
  public boolean putMemberIf(String campaignId, CampaignMember member, MemberStatus... expected) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":m", ItemCodec.toAttribute(Json.toTree(member)));
    values.put(":now", AttributeValue.fromS(Json.format(clock.instant())));
    StringBuilder in = new StringBuilder();
    List<MemberStatus> list = Arrays.asList(expected);
    for (int i = 0; i < list.size(); i++) {
      in.append(i == 0 ? "" : ", ").append(":e").append(i);
      values.put(":e" + i, s(list.get(i)));
    }
    try {
      dynamo.updateItem(
          b ->
              b.tableName(table)
                  .key(key(campaignId))
                  .conditionExpression("members.#id.#status IN (" + in + ")")
                  .updateExpression("SET members.#id = :m, updatedAt = :now")
                  .expressionAttributeNames(Map.of("#id", member.instanceId(), "#status", "status"))
                  .expressionAttributeValues(values));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  /** Replaces wave {@code wave.index()} and makes it the current wave. */
  public void putWave(String campaignId, CampaignWave wave) {
    dynamo.updateItem(
        b ->
            b.tableName(table)
                .key(key(campaignId))
                .conditionExpression("attribute_exists(campaignId)")
                .updateExpression(
                    "SET waves[" + wave.index() + "] = :w, currentWave = :i, updatedAt = :now")
                .expressionAttributeValues(
                    Map.of(
                        ":w",
                        ItemCodec.toAttribute(Json.toTree(wave)),
                        ":i",
                        AttributeValue.fromN(Integer.toString(wave.index())),
                        ":now",
                        AttributeValue.fromS(Json.format(clock.instant())))));
  }

  private static Map<String, AttributeValue> key(String campaignId) {
    return Map.of(CAMPAIGN_ID, AttributeValue.fromS(campaignId));
  }

  private static AttributeValue s(Enum<?> e) {
    return AttributeValue.fromS(e.name());
  }
}
