package org.imucompanion.models.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/** Formula neutralisation and message excerpts. */
class CsvTextTest {
  @Example
  void formulaLeadingTextGetsAQuoteNumbersAndPlainTextDoNot() {
    assertThat(CsvText.forSpreadsheet("=HYPERLINK(\"http://x\",\"y\")"))
        .isEqualTo("'=HYPERLINK(\"http://x\",\"y\")");
    assertThat(CsvText.forSpreadsheet("+1")).isEqualTo("'+1");
    assertThat(CsvText.forSpreadsheet("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(CsvText.forSpreadsheet("\tx")).isEqualTo("'\tx");
    assertThat(CsvText.forSpreadsheet("'=x")).isEqualTo("''=x");
    assertThat(CsvText.forSpreadsheet("Squat")).isEqualTo("Squat");
    assertThat(CsvText.forSpreadsheet("it's")).isEqualTo("it's");
    assertThat(CsvText.forSpreadsheetComment("\"=1+1\"")).isEqualTo("'\"=1+1\"");
  }

  @Property
  void neutralisingIsUndoneExactly(
      @ForAll @StringLength(max = 8) @Chars({'\'', '=', '-', '+', '@', '\t', '\r', 'a', '"', ' '})
      String text) {
    assertThat(CsvText.fromSpreadsheet(CsvText.forSpreadsheet(text))).isEqualTo(text);
    assertThat(CsvText.fromSpreadsheetComment(CsvText.forSpreadsheetComment(text))).isEqualTo(text);
    assertThat(CsvText.forSpreadsheet(text)).doesNotStartWith("=").doesNotStartWith("+")
        .doesNotStartWith("-").doesNotStartWith("@").doesNotStartWith("\t").doesNotStartWith("\r");
  }

  @Example
  void excerptsAreShortAndOnOneLine() {
    assertThat(CsvText.excerpt("x1")).isEqualTo("'x1'");
    assertThat(CsvText.excerpt("a\nb")).isEqualTo("'a\\nb'");
    assertThat(CsvText.excerpt("y".repeat(200_000)))
        .isEqualTo("'" + "y".repeat(40) + "...' (200000 characters)");
  }
}
