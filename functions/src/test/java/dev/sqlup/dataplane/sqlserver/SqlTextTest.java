package dev.sqlup.dataplane.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sqlup.dataplane.PermanentDataPlaneException;
import org.junit.jupiter.api.Test;

class SqlTextTest {

  @Test
  void quoteName_doublesClosingBrackets_soAHostileNameStaysOneIdentifier() {
    assertThat(SqlText.quoteName("x]; DROP DATABASE y;--")).isEqualTo("[x]]; DROP DATABASE y;--]");
  }

  @Test
  void quoteName_keepsUnicode() {
    assertThat(SqlText.quoteName("Ünïcødé 数据库 🚀")).isEqualTo("[Ünïcødé 数据库 🚀]");
  }

  @Test
  void quoteName_accepts128CharactersAndRefuses129() {
    String max = "a".repeat(128);
    assertThat(SqlText.quoteName(max)).isEqualTo("[" + max + "]");
    assertThatThrownBy(() -> SqlText.quoteName(max + "a"))
        .isInstanceOf(PermanentDataPlaneException.class)
        .hasMessageStartingWith("INVALID_IDENTIFIER");
  }

  @Test
  void quoteName_countsCodePointsNotUtf16Units() {
    String emoji = "🚀".repeat(128); // 256 UTF-16 units, 128 characters
    assertThat(SqlText.quoteName(emoji)).hasSize(258);
  }

  @Test
  void quoteName_refusesEmptyNullAndControlCharacters() {
    assertThatThrownBy(() -> SqlText.quoteName("")).hasMessageStartingWith("INVALID_IDENTIFIER");
    assertThatThrownBy(() -> SqlText.quoteName(null)).hasMessageStartingWith("INVALID_IDENTIFIER");
    assertThatThrownBy(() -> SqlText.quoteName("a\0b"))
        .hasMessageStartingWith("INVALID_IDENTIFIER");
    assertThatThrownBy(() -> SqlText.quoteName("a\nGO\nDROP"))
        .hasMessageStartingWith("INVALID_IDENTIFIER");
  }

  @Test
  void literal_doublesQuotes() {
    assertThat(SqlText.literal("it's'; DROP TABLE t;--")).isEqualTo("N'it''s''; DROP TABLE t;--'");
  }

  @Test
  void binary_acceptsOnlyHex() {
    assertThat(SqlText.binary("0x01ab")).isEqualTo("0x01AB");
    assertThatThrownBy(() -> SqlText.binary("0x01; DROP")).hasMessageStartingWith("INVALID_BINARY");
    assertThatThrownBy(() -> SqlText.binary("01AB")).hasMessageStartingWith("INVALID_BINARY");
  }
}
