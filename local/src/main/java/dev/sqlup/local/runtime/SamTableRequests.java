package dev.sqlup.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;

/**
 * Turns a template's table resources into the DynamoDB {@code CreateTableRequest} the local runtime
 * sends to dynalite. Apart from {@link SamTemplate} because it is the one place that knows the
 * DynamoDB SDK's model; the template only finds the resources and their names.
 */
final class SamTableRequests {
  private SamTableRequests() {}

  /** An {@code AWS::DynamoDB::Table}: keys, billing, throughput, global and local indexes. */
  static SamTable table(String id, String name, JsonNode p, TemplateResolver resolver) {
    List<AttributeDefinition> attributes = new ArrayList<>();
    for (JsonNode a : p.path("AttributeDefinitions")) {
      attributes.add(
          AttributeDefinition.builder()
              .attributeName(a.path("AttributeName").asText())
              .attributeType(a.path("AttributeType").asText())
              .build());
    }
    BillingMode billing =
        p.has("BillingMode")
            ? BillingMode.fromValue(resolver.resolveString(p.get("BillingMode")))
            : BillingMode.PROVISIONED;
    CreateTableRequest.Builder request =
        CreateTableRequest.builder()
            .tableName(name)
            .attributeDefinitions(attributes)
            .keySchema(keySchema(p.path("KeySchema")))
            .billingMode(billing);
    if (billing != BillingMode.PAY_PER_REQUEST) {
      request.provisionedThroughput(throughput(p.path("ProvisionedThroughput")));
    }
    List<GlobalSecondaryIndex> gsis = new ArrayList<>();
    for (JsonNode g : p.path("GlobalSecondaryIndexes")) {
      GlobalSecondaryIndex.Builder gsi =
          GlobalSecondaryIndex.builder()
              .indexName(g.path("IndexName").asText())
              .keySchema(keySchema(g.path("KeySchema")))
              .projection(projection(g.path("Projection")));
      if (billing != BillingMode.PAY_PER_REQUEST) {
        gsi.provisionedThroughput(throughput(g.path("ProvisionedThroughput")));
      }
      gsis.add(gsi.build());
    }
    if (!gsis.isEmpty()) {
      request.globalSecondaryIndexes(gsis);
    }
    List<LocalSecondaryIndex> lsis = new ArrayList<>();
    for (JsonNode l : p.path("LocalSecondaryIndexes")) {
      lsis.add(
          LocalSecondaryIndex.builder()
              .indexName(l.path("IndexName").asText())
              .keySchema(keySchema(l.path("KeySchema")))
              .projection(projection(l.path("Projection")))
              .build());
    }
    if (!lsis.isEmpty()) {
      request.localSecondaryIndexes(lsis);
    }
    return new SamTable(id, name, request.build());
  }

  /** An {@code AWS::Serverless::SimpleTable}: one hash key, on demand. */
  static SamTable simpleTable(String id, String name, JsonNode p) {
    String key = p.path("PrimaryKey").path("Name").asText("id");
    String type =
        switch (p.path("PrimaryKey").path("Type").asText("String")) {
          case "Number" -> "N";
          case "Binary" -> "B";
          default -> "S";
        };
    CreateTableRequest request =
        CreateTableRequest.builder()
            .tableName(name)
            .attributeDefinitions(
                AttributeDefinition.builder().attributeName(key).attributeType(type).build())
            .keySchema(KeySchemaElement.builder().attributeName(key).keyType("HASH").build())
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .build();
    return new SamTable(id, name, request);
  }

  private static List<KeySchemaElement> keySchema(JsonNode keys) {
    List<KeySchemaElement> out = new ArrayList<>();
    for (JsonNode k : keys) {
      out.add(
          KeySchemaElement.builder()
              .attributeName(k.path("AttributeName").asText())
              .keyType(k.path("KeyType").asText())
              .build());
    }
    return out;
  }

  private static Projection projection(JsonNode p) {
    Projection.Builder b =
        Projection.builder().projectionType(p.path("ProjectionType").asText("ALL"));
    if (p.has("NonKeyAttributes")) {
      List<String> attrs = new ArrayList<>();
      p.get("NonKeyAttributes").forEach(a -> attrs.add(a.asText()));
      b.nonKeyAttributes(attrs);
    }
    return b.build();
  }

  private static ProvisionedThroughput throughput(JsonNode p) {
    return ProvisionedThroughput.builder()
        .readCapacityUnits(p.path("ReadCapacityUnits").asLong(5))
        .writeCapacityUnits(p.path("WriteCapacityUnits").asLong(5))
        .build();
  }
}
