package org.imucompanion.models.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvLineTest {
  @Test
  void plainCellsSplitOnCommasAndKeepEmptyOnes() {
    assertThat(CsvLine.parse("a,,b,").cells()).containsExactly("a", "", "b", "");
    assertThat(CsvLine.parse("").cells()).containsExactly("");
  }

  @Test
  void aQuotedCellKeepsCommasAndDoubledQuotes() {
    CsvLine line = CsvLine.parse("1,\"Squat, deep\",\"say \"\"hi\"\"\"");
    assertThat(line.cells()).containsExactly("1", "Squat, deep", "say \"hi\"");
    assertThat(line.unterminatedQuote()).isFalse();
  }

  @Test
  void aQuoteInsideACellIsText() {
    assertThat(CsvLine.parse("12\" band,x").cells()).containsExactly("12\" band", "x");
  }

  @Test
  void anOpenQuoteAtTheEndIsReported() {
    CsvLine line = CsvLine.parse("1,\"never closed, still");
    assertThat(line.unterminatedQuote()).isTrue();
    assertThat(line.cells()).containsExactly("1", "never closed, still");
  }
}
