package org.imucompanion.models.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A dataset file with a header row, read row by row through {@link CsvRows} (so it must be
 * UTF-8, rows are bounded in length, and quoted cells follow RFC 4180). Both datasets are plain
 * CSV without quoted commas, but quotes are honoured anyway so a re-saved file does not silently
 * shift columns.
 */
final class CsvFile {
  private final Path path;
  private final List<String> header;
  private final Map<String, Integer> columnIndex = new HashMap<>();

  private CsvFile(Path path, List<String> header) {
    this.path = path;
    this.header = header;
    for (int i = 0; i < header.size(); i++) {
      columnIndex.putIfAbsent(header.get(i).trim(), i);
    }
  }

  static CsvFile open(Path path) throws IOException {
    try (CsvRows rows = CsvRows.open(path, false)) {
      Optional<CsvRows.Row> first = rows.next();
      if (first.isEmpty()) {
        throw new DatasetFormatException(path, null, "empty file, expected a header row");
      }
      return new CsvFile(path, first.get().cells());
    }
  }

  Path path() {
    return path;
  }

  String fileName() {
    return path.getFileName().toString();
  }

  /** Index of a column that the dataset must have; the error names file and column. */
  int require(String column) throws DatasetFormatException {
    Integer i = columnIndex.get(column);
    if (i == null) {
      throw new DatasetFormatException(path, column, "required column missing; the header has "
          + CsvText.capped(header.toString(), 300));
    }
    return i;
  }

  /** The header's name of a column, for messages. */
  String columnName(int index) {
    return index < header.size() ? header.get(index).trim() : "column " + (index + 1);
  }

  /** A problem at one cell of a data row, as the exception every reader throws. */
  DatasetFormatException problem(long line, int index, String problem) {
    return new DatasetFormatException(path, line, index + 1, columnName(index), problem);
  }

  /**
   * Calls back with every non-blank data row.
   *
   * @return the number of rows seen
   */
  long forEachRow(RowConsumer consumer) throws IOException {
    long count = 0;
    try (CsvRows rows = CsvRows.open(path, false)) {
      rows.next(); // the header, read by open()
      Optional<CsvRows.Row> row;
      while ((row = rows.next()).isPresent()) {
        count++;
        consumer.accept(row.get());
      }
    }
    return count;
  }

  /** One data row. */
  @FunctionalInterface
  interface RowConsumer {
    void accept(CsvRows.Row row) throws IOException;
  }
}
