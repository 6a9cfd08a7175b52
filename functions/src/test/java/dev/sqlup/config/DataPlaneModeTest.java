package dev.sqlup.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataPlaneModeTest {
  static DataPlaneMode of(Map<String, String> env) {
    return DataPlaneMode.of(new Services(env, Clock.systemUTC()));
  }

  @Test
  void unsetOrSqlserver_acceptsOnlyTheRealDataPlane() {
    for (DataPlaneMode mode :
        new DataPlaneMode[] {of(Map.of()), of(Map.of("DATA_PLANE", "sqlserver"))}) {
      assertThat(mode).isEqualTo(DataPlaneMode.SQLSERVER);
      assertThat(mode.accepts("sqlserver")).isTrue();
      assertThat(mode.accepts("simulated")).isFalse();
      assertThat(mode.refusal("simulated"))
          .contains("DataPlane=simulated", "engine.binding sqlserver");
    }
  }

  @Test
  void simulated_mustBeAskedForByName_andEnablesBoth() {
    DataPlaneMode mode = of(Map.of("DATA_PLANE", "simulated"));
    assertThat(mode.accepts("simulated")).isTrue();
    assertThat(mode.accepts("sqlserver")).isTrue();
    assertThat(mode.accepts("other")).isFalse();
    assertThatThrownBy(() -> of(Map.of("DATA_PLANE", "sim")))
        .hasMessageContaining("DATA_PLANE must be sqlserver or simulated");
  }
}
