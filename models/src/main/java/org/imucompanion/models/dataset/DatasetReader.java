package org.imucompanion.models.dataset;

import java.io.IOException;
import java.nio.file.Path;

/** Reads one published dataset from a directory the caller names. */
public interface DatasetReader {
  /**
   * Short name of the dataset this reader understands, e.g. {@code exermote}.
   *
   * @return the name
   */
  String name();

  /**
   * Reads every session in a directory.
   *
   * @param directory the dataset directory (e.g. {@code ../shared/datasets/exermote})
   * @return the sessions and the account of flawed rows
   * @throws DatasetFormatException if the directory holds no data files or a file lacks a column
   * @throws IOException if a file cannot be read
   */
  Dataset read(Path directory) throws IOException;
}
