package dev.sqlup.local.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sqlup.local.runtime.InProcessLambda;
import dev.sqlup.local.runtime.InvocationResult;
import dev.sqlup.local.runtime.LocalEndpoints;
import dev.sqlup.local.runtime.SamTemplate;
import dev.sqlup.local.runtime.UserException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sqlup invoke}: the {@code sam local invoke} equivalent, in this JVM. */
@Command(
    name = "invoke",
    mixinStandardHelpOptions = true,
    description = {
      "Runs one function in-process with the template's environment.",
      "Prints the response JSON on stdout and the logs on stderr; exit code 1 when the function fails."
    })
final class InvokeCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "FunctionLogicalId",
      description = "the function's logical id in the template")
  String functionId;

  @Option(
      names = {"-e", "--event"},
      paramLabel = "FILE",
      description = "event JSON file ('-' for stdin; default: {})")
  String event;

  @Option(
      names = {"-t", "--template"},
      paramLabel = "FILE",
      defaultValue = "template.yaml",
      description = "SAM template (default: ${DEFAULT-VALUE})")
  Path template;

  @Option(
      names = "--dynamodb-endpoint",
      defaultValue = "${env:SQLUP_DYNAMODB_ENDPOINT:-http://127.0.0.1:8000}",
      description =
          "DynamoDB endpoint the function gets (default: ${DEFAULT-VALUE}, as started by `sqlup serve`)")
  String dynamodbEndpoint;

  @Option(
      names = "--sfn-endpoint",
      defaultValue = "${env:SQLUP_SFN_ENDPOINT:-http://127.0.0.1:8083}",
      description = "Step Functions endpoint the function gets (default: ${DEFAULT-VALUE})")
  String sfnEndpoint;

  @Option(names = "--services-class", hidden = true, defaultValue = InProcessLambda.SERVICES_CLASS)
  String servicesClass;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SamTemplate sam = SamTemplate.load(template);
    sam.function(functionId); // unknown id: a user error before anything runs
    String payload = readEvent();
    try (InProcessLambda lambda =
        new InProcessLambda(
            sam,
            LocalEndpoints.overrides(dynamodbEndpoint, sfnEndpoint, null),
            Clock.systemUTC(),
            line -> {
              err.println(line);
              err.flush();
            },
            servicesClass,
            Thread.currentThread().getContextClassLoader())) {
      InvocationResult result = lambda.invoke(functionId, payload);
      out.println(result.payload());
      out.flush();
      return result.error() ? SqlupCli.FAILED : 0;
    }
  }

  private String readEvent() {
    if (event == null) {
      return "{}";
    }
    String text;
    try {
      text =
          event.equals("-")
              ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
              : Files.readString(Path.of(event), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserException(
          "event file "
              + event
              + " not found: pass an existing file, e.g. --event events/<file>.json");
    } catch (IOException e) {
      throw new UserException("cannot read event file " + event + ": " + e.getMessage());
    }
    try {
      if (JSON.readTree(text) == null || JSON.readTree(text).isMissingNode()) {
        throw new UserException("event file " + event + " is empty: it must hold one JSON value");
      }
    } catch (JsonProcessingException e) {
      throw new UserException(
          "event file "
              + event
              + " is not JSON (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + "): fix it and run again");
    }
    return text;
  }
}
