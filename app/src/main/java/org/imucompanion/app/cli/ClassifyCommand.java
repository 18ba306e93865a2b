package org.imucompanion.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs a recording or capture through the pipeline and a model, offline. */
@Command(
    name = "classify",
    mixinStandardHelpOptions = true,
    description = {
      "Run a recording or capture through the streaming pipeline and an ONNX model, as fast as the"
          + " CPU allows, and print the label timeline and counted repetitions."
    })
final class ClassifyCommand implements Callable<Integer> {

  @Parameters(paramLabel = "<input>", description = "A recording (CSV) or btsnoop capture.")
  Path input;

  @Option(
      names = {"-m", "--model"},
      paramLabel = "<file.onnx>",
      description = "The model to use (default: the shipped model).")
  Path model;

  @Override
  public Integer call() {
    throw new NotAvailableYetException(MissingParts.CLASSIFIER);
  }
}
