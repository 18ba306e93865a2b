package org.imucompanion.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import org.imucompanion.models.dataset.Dataset;
import org.imucompanion.models.export.DatasetFormat;
import org.imucompanion.models.export.ExportSummary;
import org.imucompanion.models.export.WindowExporter;
import org.imucompanion.models.pipeline.PipelineSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Writes training windows produced by the very pipeline used live, so training and inference
 * cannot drift apart.
 */
@Command(
    name = "train-data",
    mixinStandardHelpOptions = true,
    description = {
      "Export fixed-rate windows of a dataset for training, produced by the same pipeline code"
          + " the app runs live (so training and inference cannot drift apart). The windows are"
          + " not normalized: the training recipe computes normalization statistics from each"
          + " fold's training subjects and stores them in the model."
    })
final class TrainDataCommand implements Callable<Integer> {

  @Mixin DatasetOptions data = new DatasetOptions();

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "<dir>",
      description = "Directory for the windows and their contract.")
  Path output;

  @Option(
      names = "--hop",
      paramLabel = "<samples>",
      description = {
        "Samples between the ends of consecutive windows (default: the format's own). 1"
            + " writes a window ending at every sample, as a repetition-phase model needs."
      })
  Integer hop;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    DatasetFormat datasetFormat = data.format();
    PipelineSettings settings = datasetFormat.defaultSettings();
    if (hop != null) {
      if (hop < 1) {
        throw new ParameterException(
            spec.commandLine(), "--hop must be at least 1 sample, got " + hop);
      }
      settings = settings.withWindow(settings.window(), hop);
    }
    Dataset read = data.read();
    PrintWriter out = spec.commandLine().getOut();
    out.println("read " + read.summary());
    WindowExporter exporter = new WindowExporter(settings, datasetFormat.defaultMapping(read));
    try {
      ProgressBar progress =
          new ProgressBar(
              spec.commandLine().getErr(), "train-data", read.recordings().size(), "recordings");
      ExportSummary summary = exporter.export(read, output, progress);
      progress.done();
      out.println(summary);
    } catch (IOException e) {
      throw new CommandFailedException("cannot write windows to " + output + ": " + e.getMessage(), e);
    }
    return ExitStatus.OK;
  }
}
