package dev.sqlup.api;

import dev.sqlup.domain.Catalogue;
import dev.sqlup.domain.campaign.Amount;
import dev.sqlup.domain.campaign.CampaignSpec;
import dev.sqlup.domain.campaign.Selection;
import dev.sqlup.domain.campaign.SwitchPolicy;
import dev.sqlup.domain.campaign.TargetRule;
import dev.sqlup.domain.campaign.WaveSpec;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /campaigns}, validated field by field ({@code InvalidParameter} naming
 * the field).
 */
final class CampaignRequests {
  static final Set<String> FIELDS =
      Set.of("name", "selection", "target", "waves", "switchPolicy", "dryRun", "clientToken");
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9 ._:-]{1,128}");
  static final Pattern PERCENT = Pattern.compile("(100|[1-9]?[0-9])%");
  static final int MAX_INSTANCE_IDS = 2000;

  private CampaignRequests() {}

  record CreateRequest(CampaignSpec spec, boolean dryRun, String clientToken) {}

  static CreateRequest parse(Map<String, Object> json, Catalogue catalogue) {
    Body body = new Body(json, "", FIELDS);
    String name =
        body.requireText("name", NAME, "1–128 characters of letters, digits, space and ._:-");
    Selection selection =
        selection(
            new Body(
                body.optionalObject("selection")
                    .orElseThrow(() -> ApiException.invalid("selection", "selection is required")),
                "selection",
                Set.of("instanceIds", "tags", "engineVersion")),
            catalogue);
    TargetRule target =
        target(
            new Body(
                body.optionalObject("target")
                    .orElseThrow(() -> ApiException.invalid("target", "target is required")),
                "target",
                Set.of("engineVersion", "sqlEdition", "rdsEdition", "instanceTypes")),
            catalogue);
    List<Object> rawWaves =
        body.optionalArray("waves", CampaignSpec.MAX_WAVES)
            .orElseThrow(() -> ApiException.invalid("waves", "waves is required"));
    if (rawWaves.isEmpty()) {
      throw ApiException.invalid(
          "waves", "waves must have 1 to " + CampaignSpec.MAX_WAVES + " waves");
    }
    List<WaveSpec> waves = new ArrayList<>();
    for (int i = 0; i < rawWaves.size(); i++) {
      if (!(rawWaves.get(i) instanceof Map<?, ?> w)) {
        throw ApiException.invalid("waves[" + i + "]", "waves[" + i + "] must be an object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> wave = (Map<String, Object>) w;
      waves.add(
          wave(
              new Body(
                  wave,
                  "waves[" + i + "]",
                  Set.of(
                      "name",
                      "size",
                      "maxConcurrency",
                      "toleratedFailures",
                      "bakeSeconds",
                      "approvalRequired")),
              i,
              i == rawWaves.size() - 1));
    }
    SwitchPolicy policy =
        body.optionalText("switchPolicy", null, null)
            .map(
                v ->
                    SwitchPolicy.parse(v)
                        .orElseThrow(
                            () ->
                                ApiException.invalid(
                                    "switchPolicy",
                                    "switchPolicy must be one of "
                                        + Arrays.toString(SwitchPolicy.values()))))
            .orElse(SwitchPolicy.OwnMaintenanceWindow);
    boolean dryRun = body.optionalBoolean("dryRun");
    String token =
        body.optionalText(
                "clientToken", UpgradeRequests.CLIENT_TOKEN, "1–64 characters of [A-Za-z0-9._:-]")
            .orElse(null);
    return new CreateRequest(
        new CampaignSpec(name, selection, target, waves, policy), dryRun, token);
  }

  private static Selection selection(Body body, Catalogue catalogue) {
    List<String> ids =
        body.optionalStringArray(
            "instanceIds", MAX_INSTANCE_IDS, Requests.ID, "an id [a-z0-9-]{1,64}");
    Map<String, String> tags = body.optionalStringMap("tags", 20, 128, 256);
    String version = body.optionalText("engineVersion", null, null).orElse(null);
    if (version != null && !catalogue.isKnownVersion(version)) {
      throw ApiException.invalid(
          "selection.engineVersion",
          "selection.engineVersion must be one of " + catalogue.engineVersions());
    }
    if (ids.isEmpty() && tags.isEmpty() && version == null) {
      throw ApiException.invalid("selection", "selection needs instanceIds, tags or engineVersion");
    }
    if (ids.stream().distinct().count() != ids.size()) {
      throw ApiException.invalid(
          "selection.instanceIds", "selection.instanceIds lists an id twice");
    }
    return new Selection(ids, tags, version);
  }

  private static TargetRule target(Body body, Catalogue catalogue) {
    String version = body.requireText("engineVersion", null, null);
    if (!catalogue.isKnownVersion(version)) {
      throw ApiException.invalid(
          "target.engineVersion",
          "target.engineVersion must be one of " + catalogue.engineVersions());
    }
    Map<String, String> types = body.optionalStringMap("instanceTypes", 50, 64, 64);
    for (Map.Entry<String, String> e : types.entrySet()) {
      if (catalogue.instanceType(e.getKey()).isEmpty()
          || catalogue.instanceType(e.getValue()).isEmpty()) {
        throw ApiException.invalid(
            "target.instanceTypes",
            "target.instanceTypes maps unknown instance type "
                + Enums.quote(
                    catalogue.instanceType(e.getKey()).isEmpty() ? e.getKey() : e.getValue()));
      }
    }
    return new TargetRule(
        version,
        Enums.sqlEdition(body, "sqlEdition", false),
        Enums.rdsEdition(body, "rdsEdition", false),
        types);
  }

  private static WaveSpec wave(Body body, int index, boolean last) {
    String prefix = "waves[" + index + "]";
    String name =
        body.optionalText("name", NAME, "1–128 characters of letters, digits, space and ._:-")
            .orElse(index == 0 && !last ? "canary" : "wave-" + (index + 1));
    Amount size = amount(body, "size", prefix);
    if (size == null && !last) {
      throw ApiException.invalid(
          prefix + ".size", prefix + ".size is required (only the last wave takes the rest)");
    }
    int concurrency =
        body.optionalInt("maxConcurrency", 1, WaveSpec.MAX_CONCURRENCY_LIMIT).orElse(1);
    Amount tolerated = amount(body, "toleratedFailures", prefix);
    long bake = body.optionalInt("bakeSeconds", 0, (int) WaveSpec.MAX_BAKE_SECONDS).orElse(0);
    boolean approval = body.optionalBoolean("approvalRequired");
    return new WaveSpec(
        name, size, concurrency, tolerated == null ? Amount.count(0) : tolerated, bake, approval);
  }

  /** A count (integer 0–100,000) or a percentage text {@code "N%"} (0–100). */
  private static Amount amount(Body body, String field, String prefix) {
    Object raw = body.raw(field);
    if (raw == null) {
      return null;
    }
    if (raw instanceof String text) {
      Matcher m = PERCENT.matcher(text);
      if (m.matches()) {
        return Amount.percent(Integer.parseInt(m.group(1)));
      }
    } else if ((raw instanceof Integer || raw instanceof Long || raw instanceof BigInteger)
        && new BigInteger(raw.toString()).signum() >= 0
        && new BigInteger(raw.toString()).bitLength() < 20) {
      return Amount.count(Integer.parseInt(raw.toString()));
    }
    throw ApiException.invalid(
        prefix + "." + field,
        prefix
            + "."
            + field
            + " must be a count (an integer from 0) or a percentage such as \"10%\"");
  }
}
