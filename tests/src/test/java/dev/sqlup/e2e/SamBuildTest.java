package dev.sqlup.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.local.runtime.SamFunction;
import dev.sqlup.local.runtime.SamTemplate;
import dev.sqlup.testing.Dynalite;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code sam build} needs from the repository (SAM CLI itself cannot run here: no PyPI, no
 * Docker): every function is built by the root Makefile ({@code BuildMethod: makefile}, CodeUri
 * {@code .}), each has its {@code build-<LogicalId>} target and no target is left over, the target
 * puts the shaded jar where the Lambda Java runtime loads it, every Handler names a real method,
 * and samconfig.toml has what {@code sam deploy} needs.
 */
class SamBuildTest {
  private static final Path ROOT = Dynalite.projectRoot();
  private static final Pattern TARGET = Pattern.compile("(?m)^build-([A-Za-z0-9]+):");
  private final SamTemplate template = SamTemplate.load(ROOT.resolve("template.yaml"));

  @Test
  void everyFunction_isBuiltByTheRootMakefile() {
    assertThat(template.functions()).isNotEmpty();
    for (SamFunction f : template.functions()) {
      assertThat(
              template
                  .json()
                  .path("Resources")
                  .path(f.logicalId())
                  .path("Metadata")
                  .path("BuildMethod")
                  .asText())
          .as("%s Metadata.BuildMethod", f.logicalId())
          .isEqualTo("makefile");
      assertThat(f.codeUri()).as("%s CodeUri", f.logicalId()).isEqualTo(".");
      String runtime =
          template
              .json()
              .path("Resources")
              .path(f.logicalId())
              .path("Properties")
              .path("Runtime")
              .asText(template.json().path("Globals").path("Function").path("Runtime").asText());
      assertThat(runtime).as("%s Runtime", f.logicalId()).isEqualTo("java21");
    }
  }

  @Test
  void theMakefile_hasOneTargetPerFunction_andNoOther() throws IOException {
    Matcher m = TARGET.matcher(Files.readString(ROOT.resolve("Makefile")));
    List<String> targets = new ArrayList<>();
    while (m.find()) {
      targets.add(m.group(1));
    }
    assertThat(targets)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(
            template.functions().stream().map(SamFunction::logicalId).toList());
  }

  @Test
  void makeResolvesEveryTarget_toTheMavenBuildAndACopyIntoArtifactsDirLib(@TempDir Path artifacts)
      throws Exception {
    requireMake();
    for (SamFunction f : template.functions()) {
      Result dryRun = make(artifacts, "-n", "build-" + f.logicalId());
      assertThat(dryRun.exit()).as(dryRun.output()).isZero();
      assertThat(dryRun.output())
          .contains("mvn -B -q -pl functions -am package")
          .contains(
              "cp functions/target/sqlup-functions.jar \"" + artifacts.resolve("lib") + "/\"");
    }
  }

  @Test
  void aTarget_putsTheShadedJarInLib_withTheHandlerClass(@TempDir Path artifacts) throws Exception {
    Path jar = ROOT.resolve("functions/target/sqlup-functions.jar");
    requireMake();
    // the reactor packages the functions module before this module's tests run
    assertThat(jar)
        .as("functions/target/sqlup-functions.jar (built by mvn package -pl functions)")
        .exists();
    SamFunction f = template.function("GetTaskFunction");
    // MVN=true: the jar is already built by this Maven run; the target's copy step is what is
    // checked here
    Result built = make(artifacts, "MVN=true", "build-" + f.logicalId());
    assertThat(built.exit()).as(built.output()).isZero();
    try (JarFile shipped = new JarFile(artifacts.resolve("lib/sqlup-functions.jar").toFile())) {
      assertThat(shipped.getEntry(f.handlerClass().replace('.', '/') + ".class")).isNotNull();
      assertThat(shipped.getEntry("software/amazon/awssdk/services/dynamodb/DynamoDbClient.class"))
          .isNotNull();
    }
  }

  @Test
  void everyHandler_namesAPublicHandleRequestMethod() throws Exception {
    for (SamFunction f : template.functions()) {
      Class<?> type = Class.forName(f.handlerClass());
      List<Method> methods =
          Arrays.stream(type.getMethods())
              .filter(m -> m.getName().equals(f.handlerMethod()))
              .toList();
      assertThat(methods).as(f.handler()).isNotEmpty();
      assertThat(type.getConstructor())
          .as("%s has the public no-arg constructor the Lambda runtime calls", type)
          .isNotNull();
    }
  }

  @Test
  void samconfig_hasWhatSamDeployNeeds() throws IOException {
    String config = Files.readString(ROOT.resolve("samconfig.toml"));
    assertThat(config)
        .contains("version = 0.1")
        .contains("[default.deploy.parameters]")
        .contains("capabilities = \"CAPABILITY_IAM\"")
        .contains("resolve_s3 = true")
        .contains("[default.global.parameters]\nstack_name = \"sqlup\"");
  }

  private record Result(int exit, String output) {}

  private static Result make(Path artifacts, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of("make", "--no-print-directory", "ARTIFACTS_DIR=" + artifacts));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out);
  }

  private static void requireMake() {
    assertThat(Path.of("/usr/bin/make"))
        .as("GNU make is not installed: apt-get install -y make")
        .isExecutable();
  }
}
