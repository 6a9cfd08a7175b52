package dev.sqlup.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlup.local.runtime.handlers.FakeServices;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvokeCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String template = TestFiles.template();

  @Test
  void invoke_printsTheResponseOnStdout_andLogsOnStderr() throws Exception {
    Cli r =
        Cli.run(
            "invoke",
            "GreetingFunction",
            "--template",
            template,
            "--event",
            TestFiles.path("/runtime/events/greeting.json"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(JSON.readTree(r.out()))
        .isEqualTo(JSON.readTree("{\"message\":\"hello ada\",\"echoes\":[\"ada\",\"ada\"]}"));
    assertThat(r.err()).contains("START RequestId:").contains("REPORT RequestId:");
  }

  @Test
  void invoke_givesTheHandlerTheTemplateEnvironmentWithLocalEndpoints() throws Exception {
    Cli r =
        Cli.run(
            "invoke",
            "ListInstancesFunction",
            "--template",
            template,
            "--services-class",
            FakeServices.class.getName(),
            "--dynamodb-endpoint",
            "http://127.0.0.1:8999",
            "--event",
            TestFiles.path("/runtime/events/api-get-instances.json"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode body = JSON.readTree(JSON.readTree(r.out()).get("body").asText());
    assertThat(body.get("tableName").asText()).isEqualTo("sqlup-local-tasks");
    assertThat(body.get("dynamodbEndpoint").asText()).isEqualTo("http://127.0.0.1:8999");
    assertThat(r.err()).contains("echo GET /instances");
  }

  @Test
  void unhandledError_exits1_withTheRuntimesErrorJson() throws Exception {
    Cli r = Cli.run("invoke", "FailingFunction", "--template", template);
    assertThat(r.exitCode()).isEqualTo(1);
    JsonNode error = JSON.readTree(r.out());
    assertThat(error.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(error.get("errorMessage").asText()).isEqualTo("database is on fire");
    assertThat(error.get("stackTrace").isArray()).isTrue();
  }

  @Test
  void unknownFunction_exits2_listingTheKnownOnes() {
    Cli r = Cli.run("invoke", "Nope", "--template", template);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().lines())
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .startsWith("sqlup: no function 'Nope'")
                    .contains("known functions: ListInstancesFunction, FailingFunction"));
    assertThat(r.out()).isEmpty();
  }

  @Test
  void missingOrMalformedTemplate_exits2_withOneLine(@TempDir Path dir) throws Exception {
    Cli missing = Cli.run("invoke", "F", "--template", dir.resolve("template.yaml").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err().lines())
        .singleElement()
        .satisfies(l -> assertThat(l).contains("not found"));
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "Resources: [\n");
    Cli malformed = Cli.run("invoke", "F", "--template", bad.toString());
    assertThat(malformed.exitCode()).isEqualTo(2);
    assertThat(malformed.err().lines())
        .singleElement()
        .satisfies(l -> assertThat(l).contains("is not valid YAML"));
  }

  @Test
  void eventFileMissingOrNotJson_exits2(@TempDir Path dir) {
    Cli missing =
        Cli.run(
            "invoke",
            "GreetingFunction",
            "--template",
            template,
            "--event",
            dir.resolve("x.json").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("event file").contains("not found");
    Cli broken =
        Cli.run(
            "invoke",
            "GreetingFunction",
            "--template",
            template,
            "--event",
            TestFiles.path("/runtime/events/broken.json"));
    assertThat(broken.exitCode()).isEqualTo(2);
    assertThat(broken.err().lines())
        .singleElement()
        .satisfies(l -> assertThat(l).contains("is not JSON (line 1"));
  }

  @Test
  void badOption_exits2() {
    Cli r = Cli.run("invoke");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("Missing required parameter");
  }
}
