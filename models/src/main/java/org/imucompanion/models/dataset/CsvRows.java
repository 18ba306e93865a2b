package org.imucompanion.models.dataset;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV file row by row, the one CSV reader of the project (the dataset readers and the
 * session store's import both use it). Built on Apache Commons CSV ({@link CsvText} has the
 * dialect), with the guards a file from anywhere needs: the text must be UTF-8, a row may not be
 * longer than {@link #MAX_ROW_CHARS} (refused before it is buffered whole), and every failure is
 * a {@link DatasetFormatException} naming the file and line. Blank lines are skipped.
 */
public final class CsvRows implements Closeable {
  /**
   * Longest row accepted, in characters. The widest real row (Exermote, 70 columns) is under
   * 1,000 characters, so this leaves room for any honest file and bounds the memory a hostile one
   * can take.
   */
  public static final int MAX_ROW_CHARS = 64 * 1024;

  /**
   * One {@code #} comment line.
   *
   * @param line its 1-based line number
   * @param text the text after the {@code #} and one following space
   */
  public record Comment(long line, String text) {}

  /**
   * One row.
   *
   * @param line the 1-based line the row starts on
   * @param cells the cells, unquoted, left to right
   * @param comments the comment lines since the previous row (only when comments are read)
   */
  public record Row(long line, List<String> cells, List<Comment> comments) {
    /** Copies the lists. */
    public Row {
      cells = List.copyOf(cells);
      comments = List.copyOf(comments);
    }

    /**
     * The cell at an index, trimmed, or an empty string if the row is short.
     *
     * @param index 0-based column index
     * @return the cell's text
     */
    public String cell(int index) {
      return index < cells.size() ? cells.get(index).trim() : "";
    }
  }

  private static final Pattern START_LINE = Pattern.compile("\\(startline (\\d+)\\)");

  private final Path file;
  private final StrictUtf8Reader reader;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;

  private CsvRows(Path file, InputStream in, boolean comments, int maxRowChars) throws IOException {
    this.file = file;
    this.reader = new StrictUtf8Reader(file, in, maxRowChars);
    CSVFormat.Builder format =
        CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).setCommentMarker(null);
    if (comments) {
      format.setCommentMarker('#');
    }
    this.parser = CSVParser.parse(reader, format.build());
    this.records = parser.iterator();
  }

  /**
   * Opens a file.
   *
   * @param file the file
   * @param comments whether lines starting with {@code #} are comments (the session CSV's
   *     metadata) rather than rows (the datasets have none)
   * @return the rows, to be closed by the caller
   * @throws IOException if the file cannot be opened
   */
  public static CsvRows open(Path file, boolean comments) throws IOException {
    return new CsvRows(file, Files.newInputStream(file), comments, MAX_ROW_CHARS);
  }

  /** Reads from a stream, with a given row length limit (tests use a small one). */
  static CsvRows of(Path name, InputStream in, boolean comments, int maxRowChars)
      throws IOException {
    return new CsvRows(name, in, comments, maxRowChars);
  }

  /**
   * The next non-blank row.
   *
   * @return it, or empty at the end of the file
   * @throws DatasetFormatException if the text is not UTF-8, a row is too long or a quoted cell
   *     is malformed or never closed
   * @throws IOException if the file cannot be read
   */
  public Optional<Row> next() throws IOException {
    List<Comment> comments = new ArrayList<>();
    while (true) {
      CSVRecord record;
      try {
        if (!records.hasNext()) {
          return Optional.empty();
        }
        record = records.next();
      } catch (UncheckedIOException e) {
        throw translate(e.getCause());
      } catch (IllegalStateException e) {
        throw malformed(parser.getCurrentLineNumber(), String.valueOf(e.getMessage()));
      }
      reader.rowDone();
      List<String> cells = record.toList();
      long start = parser.getCurrentLineNumber();
      for (String c : cells) {
        start -= lineBreaks(c);
      }
      if (record.hasComment()) {
        String[] lines = record.getComment().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
          comments.add(new Comment(start - lines.length + i, lines[i]));
        }
      }
      if (cells.isEmpty() || (cells.size() == 1 && cells.get(0).isBlank())) {
        continue;
      }
      return Optional.of(new Row(Math.max(1, start), cells, comments));
    }
  }

  private IOException translate(IOException cause) {
    if (cause instanceof DatasetFormatException known) {
      return known;
    }
    if (cause instanceof CSVException) {
      String what = String.valueOf(cause.getMessage());
      long line = parser.getCurrentLineNumber();
      Matcher m = START_LINE.matcher(what);
      if (m.find()) {
        line = Long.parseLong(m.group(1));
      }
      if (what.contains("EOF reached before encapsulated token finished")) {
        what = "a quoted cell opened here is never closed";
      } else if (what.contains("Invalid character between encapsulated token and delimiter")) {
        what = "text after the closing quote of a quoted cell";
      }
      return malformed(line, what);
    }
    return cause;
  }

  private DatasetFormatException malformed(long line, String what) {
    return new DatasetFormatException(
        file, Math.max(1, line), 0, null, "malformed CSV: " + CsvText.capped(what, 200));
  }

  private static int lineBreaks(String cell) {
    int n = 0;
    for (int i = 0; i < cell.length(); i++) {
      char c = cell.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 == cell.length() || cell.charAt(i + 1) != '\n'))) {
        n++;
      }
    }
    return n;
  }

  /**
   * The file being read.
   *
   * @return its path
   */
  public Path file() {
    return file;
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
