package dev.sqlup.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.local.runtime.handlers.FakeServices;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ServeCommandTest {

  @Test
  void serve_runsTheTemplateUntilStopped_andTheClientCommandsTalkToIt() throws Exception {
    StringWriter err = new StringWriter();
    var cli = SqlupCli.commandLine();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () ->
                cli.execute(
                    "serve",
                    "--template",
                    TestFiles.template(),
                    "--api-port",
                    "0",
                    "--dynamodb-port",
                    "0",
                    "--sfn-port",
                    "0",
                    "--clock",
                    "scaled:60",
                    "--lambda-concurrency",
                    "3",
                    "--services-class",
                    FakeServices.class.getName(),
                    "--stop-after",
                    "PT6S"));
    Matcher ready = Pattern.compile("ready on (http://127\\.0\\.0\\.1:\\d+)").matcher("");
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!ready.reset(err.toString()).find() && System.nanoTime() < deadline && !exit.isDone()) {
      Thread.sleep(50);
    }
    assertThat(ready.reset(err.toString()).find()).as(err.toString()).isTrue();
    String url = ready.group(1);
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url + "/instances/db-1/upgrade-options")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"instanceId\":\"db-1\"");

    Cli instances = Cli.run("instances", "--api-url", url, "--output", "json");
    assertThat(instances.exitCode()).as(instances.err()).isZero();
    assertThat(instances.out()).contains("\"resource\" : \"/instances\"");

    assertThat(exit.get()).isZero();
    assertThat(err.toString())
        .contains("GET /instances/db-1/upgrade-options 200")
        .contains("at most 3 invocations at once (--lambda-concurrency)");
  }

  @Test
  void lambdaConcurrencyBelowOne_exits2_beforeAnythingStarts() {
    Cli r = Cli.run("serve", "--template", TestFiles.template(), "--lambda-concurrency", "0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("sqlup: --lambda-concurrency must be at least 1, not 0\n");
  }

  @Test
  void badClockMode_exits2() {
    Cli r = Cli.run("serve", "--template", TestFiles.template(), "--clock", "fast");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo("sqlup: --clock must be real, virtual or scaled:N (e.g. scaled:60), not fast\n");
  }
}
