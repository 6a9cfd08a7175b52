package dev.sqlup.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.testing.Dynalite;
import org.junit.jupiter.api.Test;

/**
 * The README's main job: the real template, state machine and handlers, through the local stack's
 * API.
 */
class DemoCommandTest {

  @Test
  void demo_runsTheGuidesWorkedExample_andShowsProgressTimelineDowntimeAndRefusals() {
    Cli demo =
        Cli.run("demo", "--template", Dynalite.projectRoot().resolve("template.yaml").toString());

    assertThat(demo.exitCode()).as(demo.err()).isZero();
    assertThat(demo.out())
        .contains("estimate: 6h34m total")
        .containsPattern("fullBackup +\\[#+-*\\] +\\d+%")
        .containsPattern("total: 6h3\\dm actual against 6h34m estimated")
        .containsPattern("total: 3h3\\dm actual against 3h34m estimated")
        .containsPattern("downtime [0-4]m\\d\\ds")
        // Issue 13: the worked example switches in at most 60 s, shown with its breakdown (the
        // endpoint moves while the tail is restored; the databases open after both).
        .containsPattern("downtime 0m[0-5]\\ds \\(guide")
        .containsPattern(
            "downtime breakdown: \\d+ s \\(tail-log backup \\d+ s, tail restore WITH RECOVERY,"
                + " RESTRICTED_USER and LSN check \\d+ s \\|\\| endpoint switch \\d+ s")
        .contains("open (SET MULTI_USER) 1 s)")
        .contains(
            "instance rm-guide-600g now 2022 Standard/HighAvailability mssql.x4.large, status Running")
        .contains(
            "422 ADDomainJoinedNotSupported",
            "422 ServerlessNotSupported",
            "422 ClassicNetworkNotSupported",
            "422 ReadOnlyInstanceNotSupported",
            "422 ClusterPrimaryWithReadOnlyInstancesNotSupported",
            "422 UnsupportedUpgradePath: cannot downgrade");
  }

  @Test
  void demoConsole_registersTheSampleFleet_andPrintsTheConsoleUrl() throws Exception {
    Cli demo =
        Cli.run(
            "demo",
            "--console",
            "--api-port",
            "0",
            "--stop-after",
            "PT0.5S",
            "--template",
            Dynalite.projectRoot().resolve("template.yaml").toString());

    assertThat(demo.exitCode()).as(demo.err()).isZero();
    assertThat(demo.out())
        .contains("rm-guide-600g", "rm-ad-joined", "rm-backed-up-600g")
        .containsPattern("web console: http://127\\.0\\.0\\.1:\\d+/console/");
  }
}
