package dev.sqlup.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlup.testing.Dynalite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's deployed console (ConsoleHosting=true): AWS's own SAM translator still transforms
 * template.yaml, every console resource sits behind the HostConsole condition, the bucket is
 * private and read only by the distribution, and signed-in users may only invoke this API.
 */
class ConsoleHostingTemplateTest {
  private static final Path ROOT = Dynalite.projectRoot();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> CONSOLE =
      List.of(
          "ConsoleBucket",
          "ConsoleBucketPolicy",
          "ConsoleOriginAccessControl",
          "ConsoleRoutesFunction",
          "ConsoleDistribution",
          "ConsoleUserPool",
          "ConsoleUserPoolDomain",
          "ConsoleUserPoolClient",
          "ConsoleIdentityPool",
          "ConsoleUserRole",
          "ConsoleIdentityPoolRoles");

  @Test
  void samTranslatorTransformsTheTemplate_withTheConsoleBehindItsCondition() throws Exception {
    JsonNode cfn = translate();
    JsonNode resources = cfn.path("Resources");
    assertThat(cfn.path("Conditions").path("HostConsole").toString())
        .isEqualTo("{\"Fn::Equals\":[{\"Ref\":\"ConsoleHosting\"},\"true\"]}");
    assertThat(cfn.path("Parameters").path("ConsoleHosting").path("Default").asText())
        .isEqualTo("false");
    for (String id : CONSOLE) {
      assertThat(resources.path(id).path("Condition").asText()).as(id).isEqualTo("HostConsole");
    }
    JsonNode block =
        resources.path("ConsoleBucket").path("Properties").path("PublicAccessBlockConfiguration");
    assertThat(
            List.of(
                "BlockPublicAcls",
                "BlockPublicPolicy",
                "IgnorePublicAcls",
                "RestrictPublicBuckets"))
        .allSatisfy(k -> assertThat(block.path(k).asBoolean()).as(k).isTrue());
    JsonNode read =
        resources
            .path("ConsoleBucketPolicy")
            .path("Properties")
            .path("PolicyDocument")
            .path("Statement")
            .get(0);
    assertThat(read.path("Principal").path("Service").asText())
        .isEqualTo("cloudfront.amazonaws.com");
    assertThat(read.path("Condition").path("StringEquals").path("AWS:SourceArn").toString())
        .contains("ConsoleDistribution");
    assertThat(
            resources
                .path("ConsoleIdentityPool")
                .path("Properties")
                .path("AllowUnauthenticatedIdentities")
                .asBoolean())
        .isFalse();
    JsonNode statement =
        resources
            .path("ConsoleUserRole")
            .path("Properties")
            .path("Policies")
            .get(0)
            .path("PolicyDocument")
            .path("Statement");
    assertThat(statement).hasSize(1);
    assertThat(statement.get(0).path("Action").asText()).isEqualTo("execute-api:Invoke");
    assertThat(statement.get(0).path("Resource").toString()).contains("${SqlupApi}/Prod/*/*");
    JsonNode origins =
        resources
            .path("ConsoleDistribution")
            .path("Properties")
            .path("DistributionConfig")
            .path("Origins");
    assertThat(origins.findValuesAsText("Id")).containsExactly("console", "api");
    assertThat(origins.get(1).path("OriginPath").asText()).isEqualTo("/Prod");
    assertThat(cfn.path("Outputs").path("ConsoleUrl").path("Condition").asText())
        .isEqualTo("HostConsole");
    // the API itself is as before: the translator made its stage and every function
    assertThat(resources.path("SqlupApiProdStage").path("Type").asText())
        .isEqualTo("AWS::ApiGateway::Stage");
  }

  private static JsonNode translate() throws IOException, InterruptedException {
    Path script = Path.of(ROOT.resolve("tests/src/test/resources/sam/translate.py").toString());
    Process p;
    try {
      p =
          new ProcessBuilder("python3", script.toString(), ROOT.resolve("template.yaml").toString())
              .start();
    } catch (IOException e) {
      return fail(
          "python3 is needed to run AWS's SAM translator: install Python 3 and `aws-sam-translator`");
    }
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    if (p.exitValue() != 0) {
      if (err.contains("No module named 'samtranslator'")) {
        fail(
            "AWS's SAM translator is missing: install it (`pip install aws-sam-translator`, preinstalled here)");
      }
      fail("the SAM translator refused template.yaml:\n" + err);
    }
    return JSON.readTree(out);
  }
}
