package org.imucompanion.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Measures a model against labeled recordings, subject by subject. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluate a model on a labeled dataset, reporting per-subject accuracy, the confusion matrix"
          + " and repetition-count errors."
    })
final class EvaluateCommand implements Callable<Integer> {

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
      names = {"-m", "--model"},
      paramLabel = "<file.onnx>",
      description = "The model to evaluate (default: the shipped model).")
  Path model;

  @Override
  public Integer call() {
    throw new NotAvailableYetException(MissingParts.CLASSIFIER);
  }
}
