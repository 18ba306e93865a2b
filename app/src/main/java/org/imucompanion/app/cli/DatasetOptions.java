package org.imucompanion.app.cli;

import java.nio.file.Path;
import org.imucompanion.models.dataset.Dataset;
import org.imucompanion.models.export.DatasetFormat;
import picocli.CommandLine.Option;

/**
 * {@code --dataset <dir> --format <format>}: the labeled recordings a command reads, shared by
 * {@code evaluate} and {@code train-data} so both spell and check them the same way.
 */
final class DatasetOptions {
  @Option(
      names = "--dataset",
      required = true,
      paramLabel = "<dir>",
      description = "Directory with the recordings (e.g. ../shared/datasets/exermote).")
  Path dataset;

  @Option(
      names = "--format",
      required = true,
      paramLabel = "<format>",
      description = "Dataset format: exermote or mpu9250-wristband.")
  String format;

  /**
   * The format asked for.
   *
   * @return it; an unknown name fails the command listing the choices
   */
  DatasetFormat format() {
    return DatasetArguments.format(format);
  }

  /**
   * Reads the dataset.
   *
   * @return it; a missing or unreadable directory fails the command with the reason
   */
  Dataset read() {
    return DatasetArguments.read(format(), dataset);
  }
}
