package dev.sqlup.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlup.domain.Precheck.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Each precheck from discovered facts: its code, result, databases and remedy (issue 12). */
class SourcePrechecksTest {
  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  private static final InstanceSpec TARGET =
      new InstanceSpec("2022", SqlEdition.Standard, RdsEdition.HighAvailability, "mssql.x4.large");
  private final SourcePrechecks checks = new SourcePrechecks(Catalogue.standard());

  private static SourceInventory.Database db(String name, UnaryOperator<Object[]> edit) {
    Object[] f = {
      name,
      10_000_000_000L,
      1_000_000_000L,
      "FULL",
      "ONLINE",
      150,
      false,
      null,
      false,
      "NONE",
      false,
      false,
      "NOTHING",
      0L,
      null,
      null
    };
    f = edit.apply(f);
    return new SourceInventory.Database(
        (String) f[0],
        (long) f[1],
        (long) f[2],
        (String) f[3],
        (String) f[4],
        (int) f[5],
        (boolean) f[6],
        (String) f[7],
        (boolean) f[8],
        (String) f[9],
        (boolean) f[10],
        (boolean) f[11],
        (String) f[12],
        (long) f[13],
        (String) f[14],
        (SourceInventory.FullBackup) f[15]);
  }

  private static Instance with(List<SourceInventory.Database> databases, Instant discoveredAt) {
    SourceInventory.Server server =
        new SourceInventory.Server(
            "15.0.4375.4",
            "RTM",
            null,
            "Standard Edition (64-bit)",
            2,
            4,
            8L << 30,
            "SQL_Latin1_General_CP1_CI_AS",
            false,
            null,
            false,
            Map.of(),
            3,
            1);
    return Fixtures.guideExample()
        .withInventory(
            new SourceInventory(
                discoveredAt, false, server, databases, new SourceInventory.LogRate(0, "test")));
  }

  private List<Precheck> run(Instance instance, Double storageGb, boolean real) {
    return checks.run(instance, TARGET, storageGb, NOW, Duration.ofHours(1), real);
  }

  private static Precheck only(List<Precheck> all, String code) {
    List<Precheck> found = all.stream().filter(c -> code.equals(c.code())).toList();
    assertThat(found).as(code).hasSize(1);
    return found.get(0);
  }

  @Test
  void healthySource_passesEveryCheck() {
    List<Precheck> all = run(with(List.of(db("a", f -> f)), NOW), 100.0, true);

    assertThat(all).allSatisfy(c -> assertThat(c.result()).as(c.name()).isEqualTo(Result.PASSED));
  }

  @Test
  void eachFact_refusesOrWarns_withItsCode_theDatabase_andARemedy() {
    record Case(String code, Result result, UnaryOperator<Object[]> edit) {}
    List<Case> cases =
        List.of(
            new Case("RecoveryModelNotFull", Result.FAILED, f -> set(f, 3, "BULK_LOGGED")),
            new Case("DatabaseNotOnline", Result.FAILED, f -> set(f, 4, "SUSPECT")),
            new Case(
                "TdeCertificateNotUsable", Result.FAILED, f -> set(set(f, 6, true), 7, "TDECert")),
            new Case("CompatibilityLevelNotSupported", Result.FAILED, f -> set(f, 5, 90)),
            new Case("LogReuseBlocked", Result.FAILED, f -> set(f, 12, "AVAILABILITY_REPLICA")),
            new Case("AlwaysOnMember", Result.FAILED, f -> set(f, 14, "AG1")),
            new Case("ReplicationOrCdcPresent", Result.WARNING, f -> set(f, 11, true)),
            new Case("LongOpenTransaction", Result.WARNING, f -> set(f, 13, 3600L)));
    for (Case c : cases) {
      List<Precheck> all =
          run(with(List.of(db("fine", f -> f), db("bad", c.edit())), NOW), null, true);

      Precheck check = only(all, c.code());
      assertThat(check.result()).as(c.code()).isEqualTo(c.result());
      assertThat(check.databases()).as(c.code()).containsExactly("bad");
      assertThat(check.remedy()).as(c.code()).isNotBlank();
      assertThat(check.message()).as(c.code()).contains("bad");
    }
  }

  @Test
  void tdeWithABackedUpCertificate_passes() {
    List<Precheck> all =
        run(
            with(List.of(db("tde", f -> set(set(set(f, 6, true), 7, "TDECert"), 8, true))), NOW),
            null,
            true);

    assertThat(all).noneMatch(c -> "TdeCertificateNotUsable".equals(c.code()));
  }

  @Test
  void compatibilityLevel90_isAcceptedBy2012_only() {
    Instance instance = with(List.of(db("old", f -> set(f, 5, 90))), NOW);

    assertThat(
            checks.run(
                instance,
                new InstanceSpec(
                    "2012", SqlEdition.Standard, RdsEdition.HighAvailability, "mssql.x4.large"),
                null,
                NOW,
                Duration.ofHours(1),
                true))
        .noneMatch(c -> c.result() == Result.FAILED);
    assertThat(only(run(instance, null, true), "CompatibilityLevelNotSupported").result())
        .isEqualTo(Result.FAILED);
  }

  @Test
  void targetStorageSmallerThanDataAndLog_isRefused() {
    // 2 × (10 GB data + 1 GB log) = 22 GB
    Instance instance = with(List.of(db("a", f -> f), db("b", f -> f)), NOW);

    assertThat(only(run(instance, 21.0, true), "TargetStorageTooSmall").result())
        .isEqualTo(Result.FAILED);
    assertThat(run(instance, 22.0, true)).noneMatch(c -> "TargetStorageTooSmall".equals(c.code()));
  }

  @Test
  void moreDatabasesThanATargetTakes_isRefused() {
    List<SourceInventory.Database> many = new ArrayList<>();
    for (int i = 0; i <= SourcePrechecks.MAX_DATABASES; i++) {
      many.add(db("db" + i, f -> f));
    }

    assertThat(only(run(with(many, NOW), null, true), "TooManyDatabases").result())
        .isEqualTo(Result.FAILED);
    assertThat(run(with(many.subList(0, 100), NOW), null, true))
        .noneMatch(c -> "TooManyDatabases".equals(c.code()));
  }

  @Test
  void staleOrMissingInventory_refusesOnTheRealDataPlane_warnsOnTheSimulated() {
    Instance stale = with(List.of(db("a", f -> f)), NOW.minus(Duration.ofMinutes(61)));
    Instance never = Fixtures.guideExample();

    assertThat(only(run(stale, null, true), "SourceNotDiscovered").result())
        .isEqualTo(Result.FAILED);
    assertThat(run(stale, null, false)).noneMatch(c -> c.result() != Result.PASSED);
    assertThat(only(run(never, null, true), "SourceNotDiscovered").result())
        .isEqualTo(Result.FAILED);
    assertThat(only(run(never, null, false), "SourceNotDiscovered").result())
        .isEqualTo(Result.WARNING);
    assertThat(run(with(List.of(db("a", f -> f)), NOW.minus(Duration.ofMinutes(60))), null, true))
        .noneMatch(c -> c.result() != Result.PASSED);
  }

  private static Object[] set(Object[] f, int i, Object v) {
    f[i] = v;
    return f;
  }
}
