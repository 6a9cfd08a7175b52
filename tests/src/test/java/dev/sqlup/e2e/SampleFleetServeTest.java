package dev.sqlup.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.testing.Dynalite;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 12, done when: {@code sqlup serve --sample-fleet} (a separate process) registers the demo's
 * simulated fleet; {@code POST /instances/rm-guide-600g/discover} returns the inventory with its
 * databases, {@code GET} shows it, and the guide's worked example estimates 6 h 34 min from it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleFleetServeTest {
  private static final Path ROOT = Dynalite.projectRoot();
  private ServeProcess serve;

  @BeforeAll
  void start() {
    serve = ServeProcess.serve(ROOT, "real", "--sample-fleet");
  }

  @AfterAll
  void stop() {
    if (serve != null) {
      serve.close();
    }
  }

  @Test
  void discoverTheGuidesExample_getShowsIt_andTheEstimateIs6h34FromIt() throws Exception {
    assertThat(serve.log()).contains("registered the simulated sample fleet: rm-guide-600g");

    Http.Response discovered = Http.post(serve.api, "/instances/rm-guide-600g/discover");
    Http.Response got = Http.get(serve.api, "/instances/rm-guide-600g");
    Http.Response dryRun =
        Http.post(
            serve.api,
            "/instances/rm-guide-600g/upgrades",
            Map.of(
                "engineVersion",
                "2022",
                "sqlEdition",
                "Standard",
                "rdsEdition",
                "HighAvailability",
                "instanceType",
                "mssql.x4.large",
                "dryRun",
                true));

    assertThat(discovered.status()).as(discovered.body().toString()).isEqualTo(200);
    assertThat(discovered.body().at("/inventory/databases/0/name").asText()).isEqualTo("sales");
    assertThat(discovered.body().at("/inventory/databases/0/dataBytes").asLong())
        .isEqualTo(600_000_000_000L);
    assertThat(discovered.body().at("/inventory/simulated").asBoolean()).isTrue();
    assertThat(got.body().get("inventory")).isEqualTo(discovered.body().get("inventory"));
    assertThat(dryRun.body().at("/estimate/totalSeconds").asLong()).isEqualTo(6 * 3600 + 34 * 60);
    assertThat(dryRun.body().at("/estimate/basis/source").asText()).isEqualTo("inventory");
    assertThat(dryRun.body().at("/estimate/basis/discoveredAt").asText())
        .isEqualTo(discovered.body().at("/inventory/discoveredAt").asText());
  }
}
