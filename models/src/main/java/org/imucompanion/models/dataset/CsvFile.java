package org.imucompanion.models.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A comma-separated file with a header row, read line by line. Both datasets are plain CSV without
 * quoted commas, but quotes are honoured anyway ({@link CsvLine}) so a re-saved file does not
 * silently shift columns.
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
    try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      String first = in.readLine();
      if (first == null) {
        throw new DatasetFormatException(path, null, "empty file, expected a header row");
      }
      if (!first.isEmpty() && first.charAt(0) == '\uFEFF') {
        first = first.substring(1);
      }
      return new CsvFile(path, split(first));
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
      throw new DatasetFormatException(
          path, column, "required column missing; the header has " + header);
    }
    return i;
  }

  /** Calls back with (1-based line number, cells) for every non-blank data line. */
  void forEachRow(RowConsumer consumer) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      in.readLine();
      String line;
      int lineNo = 1;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        consumer.accept(lineNo, split(line));
      }
    }
  }

  /** One data row. */
  @FunctionalInterface
  interface RowConsumer {
    void accept(int line, List<String> cells) throws IOException;
  }

  static List<String> split(String line) {
    return CsvLine.parse(line).cells();
  }

  /** The cell at an index, or an empty string if the row is short. */
  static String cell(List<String> cells, int index) {
    return index < cells.size() ? cells.get(index).trim() : "";
  }

}
