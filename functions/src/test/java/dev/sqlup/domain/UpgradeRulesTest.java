package dev.sqlup.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpgradeRulesTest {
  private final Catalogue catalogue = Catalogue.standard();
  private final UpgradeRules rules = new UpgradeRules(catalogue);
  private final InstanceSpec source =
      new InstanceSpec("2019", SqlEdition.Standard, RdsEdition.HighAvailability, "mssql.x4.large");

  @Test
  void catalogue_hasTheGuideVersions_andTheExampleType() {
    assertThat(catalogue.engineVersions())
        .containsExactly("2012", "2014", "2016", "2017", "2019", "2022");
    InstanceType example = catalogue.instanceType("mssql.x4.large").orElseThrow();
    assertThat(example.cpuCores()).isEqualTo(4);
    assertThat(example.memoryGib()).isEqualTo(8);
    assertThat(catalogue.instanceTypes()).anyMatch(t -> t.cpuCores() == 2 && t.memoryGib() == 4);
    assertThat(catalogue.instanceTypes()).anyMatch(t -> t.cpuCores() >= 32);
  }

  @Test
  void guideExample_2019SE_to_2022SE_isAllowed() {
    rules.check(
        source,
        new InstanceSpec(
            "2022", SqlEdition.Standard, RdsEdition.HighAvailability, "mssql.x4.large"));
  }

  @Test
  void basicToHighAvailability_isAllowed() {
    InstanceSpec basic =
        new InstanceSpec("2019", SqlEdition.Standard, RdsEdition.Basic, "mssql.x4.large");
    rules.check(
        basic,
        new InstanceSpec(
            "2019", SqlEdition.Standard, RdsEdition.HighAvailability, "mssql.x4.large"));
  }

  @ParameterizedTest
  @CsvSource({
    "2017, Standard, HighAvailability, mssql.x4.large, engineVersion",
    "2019, Web, HighAvailability, mssql.x4.large, sqlEdition",
    "2019, Standard, Basic, mssql.x4.large, rdsEdition",
    "2019, Standard, HighAvailability, mssql.x2.medium, instanceType",
    "2022, Web, Basic, mssql.x4.large, sqlEdition",
  })
  void downgrades_areRejected_namingTheField(
      String version, SqlEdition sql, RdsEdition rds, String type, String field) {
    List<UpgradeRejected> broken =
        rules.violations(source, new InstanceSpec(version, sql, rds, type));

    assertThat(broken).extracting(UpgradeRejected::field).contains(field);
    assertThat(broken).allMatch(b -> b.code().equals("UnsupportedUpgradePath"));
  }

  @Test
  void noOpUpgrade_isRejected() {
    assertThatThrownBy(() -> rules.check(source, source))
        .isInstanceOf(UpgradeRejected.class)
        .hasMessageContaining("nothing to upgrade");
  }

  @Test
  void typeNotOfferedForTarget_isRejected() {
    // mssql.x32.4xlarge is Enterprise-only.
    assertThatThrownBy(
            () ->
                rules.check(
                    source,
                    new InstanceSpec(
                        "2022",
                        SqlEdition.Standard,
                        RdsEdition.HighAvailability,
                        "mssql.x32.4xlarge")))
        .isInstanceOf(UpgradeRejected.class)
        .hasMessageContaining("not offered");
    // Cluster Edition exists from 2017 on.
    InstanceSpec old =
        new InstanceSpec(
            "2016", SqlEdition.Enterprise, RdsEdition.HighAvailability, "mssql.x4.large");
    assertThat(
            rules.violations(
                old,
                new InstanceSpec(
                    "2016", SqlEdition.Enterprise, RdsEdition.Cluster, "mssql.x4.large")))
        .extracting(UpgradeRejected::field)
        .containsExactly("instanceType");
  }

  @Test
  void acceleratedDatabaseRecovery_needs2019OrLater() {
    rules.checkAcceleratedDatabaseRecovery(
        new InstanceSpec(
            "2019", SqlEdition.Standard, RdsEdition.HighAvailability, "mssql.x4.large"),
        true);
    assertThatThrownBy(
            () ->
                rules.checkAcceleratedDatabaseRecovery(
                    new InstanceSpec(
                        "2017", SqlEdition.Standard, RdsEdition.HighAvailability, "mssql.x4.large"),
                    true))
        .isInstanceOf(UpgradeRejected.class)
        .extracting(e -> ((UpgradeRejected) e).code())
        .isEqualTo("AcceleratedDatabaseRecoveryNotSupported");
  }

  @Test
  void options_listOnlyAllowedTargets_andNeverTheCurrentSpec() {
    List<UpgradeRules.VersionOption> options = rules.options(source);

    assertThat(options)
        .extracting(UpgradeRules.VersionOption::engineVersion)
        .containsExactly("2019", "2022");
    for (UpgradeRules.VersionOption v : options) {
      for (UpgradeRules.EditionOption e : v.editions()) {
        assertThat(e.sqlEdition()).isNotEqualTo(SqlEdition.Web);
        assertThat(e.rdsEdition()).isNotEqualTo(RdsEdition.Basic);
        for (InstanceType t : e.instanceTypes()) {
          InstanceSpec target =
              new InstanceSpec(v.engineVersion(), e.sqlEdition(), e.rdsEdition(), t.name());
          assertThat(rules.violations(source, target)).isEmpty();
        }
      }
    }
    assertThat(options.get(1).editions())
        .anySatisfy(
            e -> {
              assertThat(e.sqlEdition()).isEqualTo(SqlEdition.Standard);
              assertThat(e.rdsEdition()).isEqualTo(RdsEdition.HighAvailability);
              assertThat(e.instanceTypes())
                  .extracting(InstanceType::name)
                  .startsWith("mssql.x4.large");
            });
  }
}
