package org.imucompanion.models.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A dataset file that cannot be read as the dataset it claims to be (a required column is
 * missing, no data files in the directory, a value outside its physical range, text that is not
 * UTF-8). Checked: the user can fix the file or point at the right directory. The message names
 * the file and, where the problem is in one place, the line and column; it never echoes more
 * than a short excerpt of the file, however long the offending line.
 */
public final class DatasetFormatException extends IOException {
  /** Serialization version: the second shape of the exception (line and column added). */
  private static final long serialVersionUID = 2L;

  /** Longest detail kept, so that no caller can put a whole file into a message. */
  static final int MAX_DETAIL_CHARS = 600;

  private final transient Path file;
  private final String column;
  private final long line;
  private final int columnNumber;
  private final String detail;

  /**
   * Creates an exception about a whole file or one of its columns.
   *
   * @param file the offending file or directory
   * @param column the offending column, or null if the problem is not about one column
   * @param message what is wrong
   */
  public DatasetFormatException(Path file, String column, String message) {
    this(file, 0, 0, column, column == null ? ": " : ", ",
        (column == null ? "" : "column '" + column + "': ") + message);
  }

  /**
   * Creates an exception about one place in a file.
   *
   * @param file the offending file
   * @param line the 1-based line number (the first line of the file is 1)
   * @param columnNumber the 1-based column (cell) number, or 0 if the problem is the whole line
   * @param column the column's name in the header, or null if unknown or not about one column
   * @param problem what is wrong there
   */
  public DatasetFormatException(
      Path file, long line, int columnNumber, String column, String problem) {
    this(file, line, columnNumber, column, ": ",
        "line " + line + (columnNumber > 0 ? ", column " + columnNumber : "")
            + (column == null ? "" : " (" + CsvText.capped(column, 60) + ")") + ": " + problem);
  }

  private DatasetFormatException(
      Path file, long line, int columnNumber, String column, String separator, String detail) {
    super(file + separator + CsvText.capped(detail, MAX_DETAIL_CHARS));
    this.file = file;
    this.column = column;
    this.line = line;
    this.columnNumber = columnNumber;
    this.detail = CsvText.capped(detail, MAX_DETAIL_CHARS);
  }

  /**
   * The file or directory at fault.
   *
   * @return its path
   */
  public Path file() {
    return file;
  }

  /**
   * The column at fault, if the problem is about one.
   *
   * @return the column name as the dataset spells it
   */
  public Optional<String> column() {
    return Optional.ofNullable(column);
  }

  /**
   * The line at fault, if the problem is in one place.
   *
   * @return the 1-based line number
   */
  public OptionalLong line() {
    return line > 0 ? OptionalLong.of(line) : OptionalLong.empty();
  }

  /**
   * The column (cell) number at fault, if known.
   *
   * @return the 1-based column number
   */
  public OptionalInt columnNumber() {
    return columnNumber > 0 ? OptionalInt.of(columnNumber) : OptionalInt.empty();
  }

  /**
   * The message without the file name in front, e.g. {@code "line 3, column 5 (acc-x-axis):
   * ..."}, for callers that name the file themselves.
   *
   * @return where and what
   */
  public String detail() {
    return detail;
  }
}
