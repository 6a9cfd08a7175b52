package dev.sqlup.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sqlup.testing.Dynalite;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SAM path: the fixture template (and the repository's template.yaml when there is one) against
 * the SAM schema, DefinitionSubstitutions and handler classes.
 */
class TemplateChecksTest {
  private static JsonNode schema;

  /** The repository's committed copy of the SAM schema (schemas/sam.schema.json). */
  @BeforeAll
  static void loadSchema() throws Exception {
    schema = TemplateChecks.readSchema(Dynalite.projectRoot().resolve("schemas/sam.schema.json"));
  }

  private static SamTemplate bad() throws URISyntaxException {
    return SamTemplate.load(
        Path.of(TemplateChecksTest.class.getResource("/runtime/bad/template.yaml").toURI()));
  }

  @Test
  void fixtureTemplate_passesEveryCheck() {
    SamTemplate template = Fixtures.template();
    assertThat(TemplateChecks.schemaProblems(template, schema)).isEmpty();
    assertThat(TemplateChecks.substitutionProblems(template)).isEmpty();
    assertThat(TemplateChecks.handlerProblems(template, getClass().getClassLoader())).isEmpty();
  }

  @Test
  void badTemplate_schemaViolationsAreReported() throws Exception {
    assertThat(TemplateChecks.schemaProblems(bad(), schema))
        .anyMatch(p -> p.startsWith("$.Resources.Plain") && p.contains("Timeoutt"));
  }

  @Test
  void badTemplate_substitutionsAreCheckedBothWays() throws Exception {
    assertThat(TemplateChecks.substitutionProblems(bad()))
        .containsExactly(
            "Flow: ${ForgottenArn} in the definition has no DefinitionSubstitutions entry",
            "Flow: DefinitionSubstitutions entry UnusedArn is not used in the definition");
  }

  @Test
  void badTemplate_handlerClassesAreChecked() throws Exception {
    assertThat(TemplateChecks.handlerProblems(bad(), getClass().getClassLoader()))
        .containsExactly(
            "Plain: dev.sqlup.local.runtime.handlers.NotAHandler implements neither RequestHandler nor RequestStreamHandler",
            "Missing: handler class dev.sqlup.nowhere.MissingHandler does not exist",
            "WrongMethod: dev.sqlup.local.runtime.handlers.GreetingHandler has no public method greet");
  }

  @Test
  void repositoryTemplate_passesEveryCheck() {
    Path template = Dynalite.projectRoot().resolve("template.yaml");
    SamTemplate sam = SamTemplate.load(template);
    assertThat(TemplateChecks.schemaProblems(sam, schema)).as("SAM schema").isEmpty();
    assertThat(TemplateChecks.substitutionProblems(sam)).as("DefinitionSubstitutions").isEmpty();
    assertThat(TemplateChecks.handlerProblems(sam, getClass().getClassLoader()))
        .as("handler classes")
        .isEmpty();
  }
}
