package org.imucompanion.models.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds a dataset's files, with errors that say which directory was wrong. */
final class DatasetFiles {
  private DatasetFiles() {}

  /** The directory's {@code *.csv} files sorted by name, so every run sees the same order. */
  static List<Path> csvFiles(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new DatasetFormatException(directory, null, "not a directory");
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(directory)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".csv") && Files.isRegularFile(p))
          .sorted()
          .toList();
    }
    if (files.isEmpty()) {
      throw new DatasetFormatException(directory, null, "no .csv files");
    }
    return files;
  }
}
