package org.imucompanion.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.imucompanion.app.workspace.ClassificationListener;
import org.imucompanion.app.workspace.DefaultClassification;
import org.imucompanion.app.workspace.ExerciseEstimate;
import org.imucompanion.app.workspace.LiveClassification;
import org.imucompanion.app.workspace.LiveDevice;
import org.imucompanion.app.workspace.ReplayFeed;
import org.imucompanion.app.workspace.SampleSink;
import org.imucompanion.ble.capture.CaptureReplay;
import org.imucompanion.models.classifier.ModelLoadException;
import org.imucompanion.models.classifier.OnnxClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;


/** Runs a capture through the live classification path, offline, as fast as the CPU allows. */
@Command(
    name = "classify",
    mixinStandardHelpOptions = true,
    description = {
      "Replay a btsnoop capture of a wristband or a Myo through the same feed, pipeline,"
          + " classifier, label smoother and rep counter as the live dashboard, as fast as the"
          + " CPU allows, and print the label timeline (each change of exercise or repetition"
          + " count). A legacy band's capture is refused: its rate is too low for the model.",
      "Repetitions are counted by the shipped repetition-phase model when the model was"
          + " trained on the same pipeline output as it (the shipped model is), else by the"
          + " signal-based counter; the first line says which."
    })
final class ClassifyCommand implements Callable<Integer> {

  @Parameters(paramLabel = "<capture>", description = "A btsnoop capture (from `capture`).")
  Path input;

  @Option(
      names = {"-m", "--model"},
      paramLabel = "<file.onnx>",
      description = "The model to use (default: the shipped model).")
  Path model;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(input)) {
      throw new CommandFailedException("no such file: " + input);
    }
    PrintWriter out = spec.commandLine().getOut();
    // The model first: a model that is refused is said before the capture is read.
    OnnxClassifier classifier = ModelArguments.open(model);
    ReplayFeed feed;
    try {
      feed = ReplayFeed.open(input, CaptureReplay.Pace.AS_FAST_AS_POSSIBLE);
    } catch (IOException e) {
      classifier.close();
      throw new CommandFailedException("cannot read " + input + ": " + e.getMessage(), e);
    }
    try {
      LiveDevice device = classifiable(feed, classifier);
      DefaultClassification.Input in = DefaultClassification.inputOf(device).orElseThrow();
      LiveClassification live = openLive(classifier, in);
      Timeline timeline = new Timeline(live, out);
      device.recordInto(timeline);
      device.attachClassification(live);
      device.listenToClassification(timeline);
      out.println("repetitions counted by " + live.repetitionModel()
          .map(m -> "the repetition-phase model " + m)
          .orElse(live.countsRepetitions() ? "the signal-based counter"
              : "nothing (the model's channels carry no signal to count)"));
      feed.play().get(30, TimeUnit.MINUTES);
      device.listenToClassification(ClassificationListener.NONE);
      out.printf(Locale.ROOT, "%d samples, %d windows classified%n", timeline.samples.get(),
          live.latest().map(ExerciseEstimate::windows).orElse(0L));
      if (live.nonFiniteWindows() > 0) {
        out.printf(Locale.ROOT, "%d windows not shown: the model returned NaN or infinity for"
            + " them%n", live.nonFiniteWindows());
      }
      out.flush();
    } finally {
      feed.devices().forEach(LiveDevice::close);
    }
    return ExitStatus.OK;
  }

  /**
   * The first replayed device a classification can be fed from, once its replayed connection
   * streams (a legacy band cannot: it is too slow for the pipeline).
   */
  private LiveDevice classifiable(ReplayFeed feed, OnnxClassifier classifier) {
    java.util.List<String> reasons = new java.util.ArrayList<>();
    for (LiveDevice d : feed.devices()) {
      DeviceArguments.awaitStreaming(d, d.name(), RecordCommand.CONNECT_TIMEOUT_SECONDS);
      if (DefaultClassification.inputOf(d).isPresent()) {
        return d;
      }
      reasons.add(d.name() + ": " + DefaultClassification.notClassified(d));
    }
    classifier.close();
    throw new CommandFailedException(input + " holds nothing to classify: " + String.join("; ", reasons));
  }

  /**
   * The model with the shipped repetition-phase model, which counts when the model was trained on
   * the same pipeline output (the live classification decides), fed as the device feeds it.
   */
  private static LiveClassification openLive(
      OnnxClassifier classifier, DefaultClassification.Input in) {
    try {
      return DefaultClassification.withShippedPhaseModel(classifier, in.rateHz(), in.channels());
    } catch (ModelLoadException e) {
      throw new CommandFailedException("shipped repetition-phase model refused: "
          + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      // The model is sound, but the pipeline cannot make its channels from the device's.
      throw new CommandFailedException("model " + classifier.source() + " cannot run on this"
          + " capture's " + in.channels() + " at " + in.rateHz() + " Hz: " + e.getMessage(), e);
    }
  }

  /** Counts the samples and prints a line whenever the exercise or the rep count changes. */
  private static final class Timeline implements SampleSink, ClassificationListener {
    private final LiveClassification live;
    private final PrintWriter out;
    private final java.util.concurrent.atomic.AtomicLong samples =
        new java.util.concurrent.atomic.AtomicLong();
    private volatile long firstNanos = -1;
    private String lastExercise;
    private int lastReps = -1;

    Timeline(LiveClassification live, PrintWriter out) {
      this.live = live;
      this.out = out;
    }

    @Override
    public void onSample(int stream, long hostNanos, long deviceMicros, double[] values) {
      if (stream == 0) {
        if (firstNanos < 0) {
          firstNanos = hostNanos;
        }
        samples.incrementAndGet();
      }
    }

    @Override
    public void onLabel(long hostNanos, String label, double confidence, String model) {
      live.latest().ifPresent(e -> report(e, (hostNanos - firstNanos) / 1e9));
    }

    @Override
    public void onRepetition(org.imucompanion.models.reps.RepEvent rep, String model) {
      live.latest().ifPresent(e -> report(e, rep.emittedSeconds() - firstNanos / 1e9));
    }

    private synchronized void report(ExerciseEstimate e, double seconds) {
      if (!e.exercise().equals(lastExercise) || e.repetitionsInSet() != lastReps) {
        lastExercise = e.exercise();
        lastReps = e.repetitionsInSet();
        out.printf(
            Locale.ROOT,
            "%8.2f s  %-8s %3.0f %%  reps %d%n",
            seconds,
            e.exercise(),
            100 * e.confidence(),
            e.repetitionsInSet());
      }
    }
  }
}
