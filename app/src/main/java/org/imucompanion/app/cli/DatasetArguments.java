package org.imucompanion.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.imucompanion.models.dataset.Dataset;
import org.imucompanion.models.export.DatasetFormat;

/** Turns {@code --dataset}/{@code --format} arguments into a read dataset, with plain errors. */
final class DatasetArguments {
  private DatasetArguments() {}

  /**
   * Finds a dataset format by its command-line name.
   *
   * @param id e.g. {@code exermote}
   * @return the format
   * @throws picocli.CommandLine.ParameterException never; a bad name is a {@link
   *     CommandFailedException} listing the choices
   */
  static DatasetFormat format(String id) {
    return DatasetFormat.byId(id)
        .orElseThrow(
            () ->
                new CommandFailedException(
                    "unknown dataset format '"
                        + id
                        + "', expected one of "
                        + Arrays.stream(DatasetFormat.values())
                            .map(DatasetFormat::id)
                            .collect(Collectors.joining(", "))));
  }

  /**
   * Reads a dataset directory.
   *
   * @param format its format
   * @param directory where its files are
   * @return the dataset
   */
  static Dataset read(DatasetFormat format, Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new CommandFailedException("no such directory: " + directory);
    }
    try {
      return format.reader().read(directory);
    } catch (IOException e) {
      throw new CommandFailedException("cannot read " + directory + ": " + e.getMessage(), e);
    }
  }
}
