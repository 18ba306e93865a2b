package org.imucompanion.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes training windows produced by the very pipeline used live, so training and inference
 * cannot drift apart.
 */
@Command(
    name = "train-data",
    mixinStandardHelpOptions = true,
    description = {
      "Export fixed-rate, normalized windows of a dataset for training, produced by the same"
          + " pipeline code the app runs live (so training and inference cannot drift apart)."
    })
final class TrainDataCommand implements Callable<Integer> {

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

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "<dir>",
      description = "Directory for the windows and their contract.")
  Path output;

  @Override
  public Integer call() {
    throw new NotAvailableYetException(MissingParts.TRAINING_EXPORT);
  }
}
