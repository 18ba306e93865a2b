package org.imucompanion.models.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A dataset file that cannot be read as the dataset it claims to be (a required column is
 * missing, no data files in the directory). Checked: the user can point at the right directory.
 */
public final class DatasetFormatException extends IOException {
  /** Serialization version: this is the first shape of the exception. */
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final String column;

  /**
   * Creates the exception.
   *
   * @param file the offending file or directory
   * @param column the offending column, or null if the problem is not about one column
   * @param message what is wrong
   */
  public DatasetFormatException(Path file, String column, String message) {
    super(file + (column == null ? "" : ", column '" + column + "'") + ": " + message);
    this.file = file;
    this.column = column;
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
}
