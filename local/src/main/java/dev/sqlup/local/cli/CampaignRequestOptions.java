package dev.sqlup.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sqlup.local.runtime.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code POST /campaigns} body of {@code sqlup campaign plan|start}: a file, or built from
 * options (one canary wave and one wave for the rest).
 */
final class CampaignRequestOptions {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(
      names = {"-f", "--file"},
      description = "the POST /campaigns body as a JSON file")
  Path file;

  @Option(names = "--name", description = "campaign name (without --file)")
  String name;

  @Option(
      names = "--select-version",
      description = "select every instance on this engine version, e.g. 2016")
  String selectVersion;

  @Option(
      names = "--select-tag",
      description = "select instances with this tag (key=value; repeatable)")
  Map<String, String> selectTags;

  @Option(
      names = "--target-version",
      description = "target engine version, e.g. 2022 (editions and type kept)")
  String targetVersion;

  @Option(
      names = "--canary",
      defaultValue = "1",
      description = "canary wave size: a count or N% (default: ${DEFAULT-VALUE})")
  String canary;

  @Option(
      names = "--max-concurrency",
      defaultValue = "10",
      description = "upgrades at once in the main wave (default: ${DEFAULT-VALUE})")
  int maxConcurrency;

  @Option(
      names = "--tolerate",
      defaultValue = "5%",
      description = "failures tolerated per wave: a count or N% (default: ${DEFAULT-VALUE})")
  String tolerate;

  @Option(names = "--approval", description = "require an approval after the canary")
  boolean approval;

  @Option(
      names = "--switch-policy",
      defaultValue = "OwnMaintenanceWindow",
      description = "OwnMaintenanceWindow or Immediate (default: ${DEFAULT-VALUE})")
  String switchPolicy;

  ObjectNode body() {
    if (file != null) {
      try {
        JsonNode tree = JSON.readTree(Files.readAllBytes(file));
        if (!tree.isObject()) {
          throw new UserException(file + " must hold a JSON object (the POST /campaigns body)");
        }
        return (ObjectNode) tree;
      } catch (IOException e) {
        throw new UserException("cannot read " + file + ": " + e.getMessage());
      }
    }
    if (name == null || targetVersion == null || (selectVersion == null && selectTags == null)) {
      throw new UserException(
          "give --file, or --name, --target-version and --select-version or --select-tag");
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("name", name);
    ObjectNode selection = body.putObject("selection");
    if (selectVersion != null) {
      selection.put("engineVersion", selectVersion);
    }
    if (selectTags != null) {
      ObjectNode tags = selection.putObject("tags");
      selectTags.forEach(tags::put);
    }
    body.putObject("target").put("engineVersion", targetVersion);
    var waves = body.putArray("waves");
    ObjectNode first =
        waves
            .addObject()
            .put("name", "canary")
            .put("maxConcurrency", 1)
            .put("toleratedFailures", 0)
            .put("approvalRequired", approval);
    amount(first, "size", canary);
    amount(
        waves.addObject().put("name", "rest").put("maxConcurrency", maxConcurrency),
        "toleratedFailures",
        tolerate);
    body.put("switchPolicy", switchPolicy);
    return body;
  }

  private static void amount(ObjectNode node, String field, String value) {
    if (value.endsWith("%")) {
      node.put(field, value);
    } else if (value.matches("[0-9]{1,6}")) {
      node.put(field, Integer.parseInt(value));
    } else {
      throw new UserException(field + " must be a count or a percentage such as 10%, not " + value);
    }
  }
}
