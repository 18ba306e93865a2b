package org.imucompanion.models.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;

/** The one CSV reader: its guards (UTF-8, row length), line numbers and quoting. */
class CsvRowsTest {
  private static final Path FILE = Path.of("in.csv");

  private static List<CsvRows.Row> readAll(byte[] bytes, boolean comments, int maxRow)
      throws IOException {
    List<CsvRows.Row> rows = new ArrayList<>();
    try (CsvRows r = CsvRows.of(FILE, new ByteArrayInputStream(bytes), comments, maxRow)) {
      Optional<CsvRows.Row> row;
      while ((row = r.next()).isPresent()) {
        rows.add(row.get());
      }
    }
    return rows;
  }

  private static List<CsvRows.Row> readAll(String text, boolean comments) throws IOException {
    return readAll(text.getBytes(StandardCharsets.UTF_8), comments, CsvRows.MAX_ROW_CHARS);
  }

  @Test
  void rowsKnowTheLineTheyStartOnAcrossQuotedLineBreaksAndBlankLines() throws IOException {
    List<CsvRows.Row> rows = readAll("\uFEFFa,b\n\n1,\"two\nlines\"\r\n3,\"x,\"\"y\"\"\"\n12\" band,4", false);

    assertThat(rows).extracting(CsvRows.Row::line).containsExactly(1L, 3L, 5L, 6L);
    assertThat(rows.get(0).cells()).containsExactly("a", "b");
    assertThat(rows.get(1).cells()).containsExactly("1", "two\nlines");
    assertThat(rows.get(2).cells()).containsExactly("3", "x,\"y\"");
    // A quote inside an unquoted cell is an ordinary character: an inch mark shifts no column.
    assertThat(rows.get(3).cells()).containsExactly("12\" band", "4");
  }

  @Test
  void commentsComeWithTheirLineNumbersOnlyWhenAsked() throws IOException {
    String text = "# magic\n# key: v\n\n# more: w\nh1,h2\n1,2\n";

    List<CsvRows.Row> rows = readAll(text, true);
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).line()).isEqualTo(5);
    assertThat(rows.get(0).comments()).containsExactly(
        new CsvRows.Comment(1, "magic"), new CsvRows.Comment(2, "key: v"),
        new CsvRows.Comment(4, "more: w"));

    assertThat(readAll(text, false).get(0).cells()).containsExactly("# magic");
  }

  @Test
  void textThatIsNotUtf8NamesLineCharacterAndByte() {
    byte[] latin1 = "a,b\n1,caf\u00e9,2\n".getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> readAll(latin1, false, CsvRows.MAX_ROW_CHARS))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessage("in.csv: line 2: character 6 is not UTF-8 (byte 0xE9 at byte 9 of the file);"
            + " save the file as UTF-8");
  }

  @Test
  void anEndlessLineIsRefusedAfterTheLimitWithoutBeingBuffered() {
    // An input that never ends: a reader that buffered a whole line would never return.
    long[] served = new long[1];
    InputStream endless = new InputStream() {
      @Override
      public int read() {
        served[0]++;
        return served[0] < 4 ? "a,\n".charAt((int) served[0] - 1) : 'x';
      }

      @Override
      public int read(byte[] b, int off, int len) {
        for (int i = 0; i < len; i++) {
          b[off + i] = (byte) read();
        }
        return len;
      }
    };

    assertThatThrownBy(() -> {
      try (CsvRows r = CsvRows.of(FILE, endless, false, 1000)) {
        while (r.next().isPresent()) {
          // keep reading
        }
      }
    }).isInstanceOf(DatasetFormatException.class)
        .hasMessage("in.csv: line 2: a row longer than 1000 characters (a corrupt file, or a"
            + " quote that is never closed); refused without reading the rest of it");
    // What was read before giving up is bounded by the limit plus one buffer of read-ahead.
    assertThat(served[0]).isLessThan(1000 + 3 * 8192);
  }

  @Test
  void aQuoteNeverClosedIsReportedWhereItOpened() {
    assertThatThrownBy(() -> readAll("a,b\n1,2\n3,\"open\n4,5\n", false))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessage("in.csv: line 3: malformed CSV: a quoted cell opened here is never closed");
    assertThatThrownBy(() -> readAll("a,b\n1,\"x\"y\n", false))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessage("in.csv: line 2: malformed CSV: text after the closing quote of a quoted cell");
  }

  @Property
  void whatTheWriterWritesReadsBackTheSame(
      @ForAll @Size(min = 1, max = 6) List<
          @StringLength(max = 12) @Chars({'a', ',', '"', '\n', '\r', '=', '-', '+', '@', '\'', ' ', '#', '\t'})
          @CharRange(from = '0', to = '9') String> cells) throws IOException {
    StringWriter out = new StringWriter();
    CSVPrinter printer = new CSVPrinter(out, CsvText.WRITE_FORMAT);
    printer.printRecord("x");
    List<String> written = new ArrayList<>();
    written.add("n");
    written.addAll(cells.stream().map(CsvText::forSpreadsheet).toList());
    printer.printRecord(written);
    printer.printRecord("end");
    printer.flush();

    List<CsvRows.Row> rows = readAll(out.toString(), true);

    assertThat(rows).hasSize(3);
    assertThat(rows.get(1).line()).isEqualTo(2);
    assertThat(rows.get(1).cells().subList(1, rows.get(1).cells().size()).stream()
        .map(CsvText::fromSpreadsheet).toList()).isEqualTo(cells);
    assertThat(rows.get(2).cells()).containsExactly("end");
  }
}
