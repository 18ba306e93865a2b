package org.imucompanion.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.imucompanion.models.Channels;
import org.imucompanion.models.Recording;
import org.imucompanion.models.classifier.ClassifierOptions;
import org.imucompanion.models.classifier.DefaultModel;
import org.imucompanion.models.classifier.ModelLoadException;
import org.imucompanion.models.classifier.OnnxClassifier;
import org.imucompanion.models.dataset.Dataset;
import org.imucompanion.models.export.ClassMapping;
import org.imucompanion.models.export.DatasetFormat;
import org.imucompanion.models.pipeline.PipelineSettings;
import org.imucompanion.models.pipeline.RecordingReplay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Measures a model against labeled recordings, subject by subject. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Run every recording of a labeled dataset through the streaming pipeline and a model (the"
          + " same code as live) and report window accuracy per subject and a confusion matrix."
          + " Subjects the model was trained on score higher than new ones: see MODEL_CARD.md for"
          + " subject-wise (leave-one-subject-out) figures."
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

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    DatasetFormat datasetFormat = DatasetArguments.format(format);
    Dataset read = DatasetArguments.read(datasetFormat, dataset);
    ClassMapping mapping = datasetFormat.defaultMapping(read);
    try (OnnxClassifier classifier =
        model == null
            ? DefaultModel.open(ClassifierOptions.DEFAULT)
            : OnnxClassifier.open(model, ClassifierOptions.DEFAULT)) {
      List<String> classes = classifier.classes();
      PipelineSettings modelSettings =
          PipelineSettings.fromMetadata(classifier.contract().pipelineSettings());
      out.printf(
          "model %s (sha256 %s), trained on: %s%n",
          classifier.source(), classifier.sha256(), classifier.contract().trainingData());
      long[][] confusion = new long[classes.size()][classes.size()];
      Map<String, long[]> perSubject = new TreeMap<>(); // subject -> {correct, total}
      long skipped = 0;
      for (Recording recording : read.recordings()) {
        if (recording.size() < 2) {
          continue;
        }
        List<String> device = deviceChannels(recording, classifier.channels());
        double rate = (recording.size() - 1) / (recording.time(recording.size() - 1) - recording.time(0));
        PipelineSettings settings = modelSettings.withInputRate(rate);
        for (RecordingReplay.ClassifiedWindow w :
            RecordingReplay.classify(recording, device, settings, classifier)) {
          // Compare by class name: the dataset's mapping and the model may order classes
          // differently, or the model may lack some of the dataset's classes.
          String trueClass = mapping.labelToClass().get(w.trueLabel());
          OptionalInt truth =
              trueClass == null ? OptionalInt.empty() : indexOf(classes, trueClass);
          if (truth.isEmpty()) {
            skipped++;
            continue;
          }
          int predicted = w.predicted();
          confusion[truth.getAsInt()][predicted]++;
          long[] counts = perSubject.computeIfAbsent(recording.subject(), s -> new long[2]);
          counts[1]++;
          if (predicted == truth.getAsInt()) {
            counts[0]++;
          }
        }
      }
      if (perSubject.isEmpty()) {
        throw new CommandFailedException("no window of " + dataset + " had a label the model knows");
      }
      long correct = 0;
      long total = 0;
      for (Map.Entry<String, long[]> e : perSubject.entrySet()) {
        long[] c = e.getValue();
        correct += c[0];
        total += c[1];
        out.printf(Locale.ROOT, "subject %-6s %7d windows  accuracy %5.1f %%%n", e.getKey(), c[1], 100.0 * c[0] / c[1]);
      }
      out.printf(Locale.ROOT, "all            %7d windows  accuracy %5.1f %%%n", total, 100.0 * correct / total);
      if (skipped > 0) {
        out.printf("%d windows skipped: their label has no class in this model%n", skipped);
      }
      out.println("confusion matrix (rows: true, columns: predicted):");
      out.printf("%-10s", "");
      classes.forEach(c -> out.printf(" %9s", c));
      out.println();
      for (int t = 0; t < classes.size(); t++) {
        out.printf("%-10s", classes.get(t));
        for (int p = 0; p < classes.size(); p++) {
          out.printf(" %9d", confusion[t][p]);
        }
        out.println();
      }
      out.flush();
    } catch (ModelLoadException e) {
      throw new CommandFailedException("model refused: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new CommandFailedException("the model's pipeline cannot run on " + dataset + ": " + e.getMessage(), e);
    }
    return ExitStatus.OK;
  }

  private static OptionalInt indexOf(List<String> classes, String name) {
    int i = classes.indexOf(name);
    return i < 0 ? OptionalInt.empty() : OptionalInt.of(i);
  }

  /**
   * The recording's channels the pipeline starts from: the model's own channels when the
   * recording has them, else accelerometer and gyroscope (the orientation filter derives the
   * rest), as a wristband would send them.
   */
  private static List<String> deviceChannels(Recording recording, List<String> modelChannels) {
    if (recording.layout().containsAll(modelChannels)) {
      return modelChannels;
    }
    List<String> imu =
        List.of(
            Channels.ACCEL_X, Channels.ACCEL_Y, Channels.ACCEL_Z,
            Channels.GYRO_X, Channels.GYRO_Y, Channels.GYRO_Z);
    if (recording.layout().containsAll(imu)) {
      return imu;
    }
    throw new CommandFailedException(
        recording.sessionId() + " has neither the model's channels nor accelerometer+gyroscope");
  }
}
