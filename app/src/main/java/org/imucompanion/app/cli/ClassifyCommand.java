package org.imucompanion.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.imucompanion.app.workspace.DefaultClassification;
import org.imucompanion.app.workspace.ExerciseEstimate;
import org.imucompanion.app.workspace.LiveClassification;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.capture.CaptureDevice;
import org.imucompanion.ble.capture.CaptureReplay;
import org.imucompanion.ble.profile.DeviceKind;
import org.imucompanion.ble.profile.TimedPacket;
import org.imucompanion.ble.profile.WristbandProfile;
import org.imucompanion.models.classifier.ClassifierOptions;
import org.imucompanion.models.classifier.DefaultModel;
import org.imucompanion.models.classifier.ModelLoadException;
import org.imucompanion.models.classifier.OnnxClassifier;
import org.imucompanion.protocol.Vector3;
import org.imucompanion.protocol.wristband.WristbandDataPacket;
import org.imucompanion.protocol.wristband.WristbandSample;
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
      "Replay a btsnoop capture of a wristband through the same profile, pipeline, classifier,"
          + " label smoother and rep counter as the live dashboard, as fast as the CPU allows,"
          + " and print the label timeline (each change of exercise or repetition count).",
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
    try (LiveClassification live = openLive();
        CaptureReplay replay = CaptureReplay.open(input, CaptureReplay.Pace.AS_FAST_AS_POSSIBLE)) {
      CaptureDevice band =
          replay.capturedDevices().stream()
              .filter(d -> d.kind().equals(DeviceKind.WRISTBAND_V1.id()))
              .findFirst()
              .orElseThrow(
                  () -> new CommandFailedException(input + " holds no protocol-v1 wristband stream"));
      BleConnection connection =
          CaptureCommand.await(replay.connect(band.address(), (s, c) -> {}, Runnable::run), "connect");
      try (connection) {
        out.println("repetitions counted by " + live.repetitionModel()
            .map(m -> "the repetition-phase model " + m)
            .orElse(live.countsRepetitions() ? "the signal-based counter"
                : "nothing (the model's channels carry no signal to count)"));
        Timeline timeline = new Timeline(live, out);
        try (WristbandProfile.Session session =
            CaptureCommand.await(
                WristbandProfile.start(connection, timeline::onPacket, Optional.empty()),
                "start the replayed stream")) {
          timeline.rateHz = session.config().outputDataRateHz();
          replay.play().get(30, TimeUnit.MINUTES);
        }
        out.printf(Locale.ROOT, "%d samples, %d windows classified%n", timeline.samples, live.latest().map(ExerciseEstimate::windows).orElse(0L));
        if (live.nonFiniteWindows() > 0) {
          out.printf(Locale.ROOT, "%d windows not shown: the model returned NaN or infinity for"
              + " them%n", live.nonFiniteWindows());
        }
        out.flush();
      }
    } catch (IOException e) {
      throw new CommandFailedException("cannot read " + input + ": " + e.getMessage(), e);
    }
    return ExitStatus.OK;
  }

  /**
   * The chosen model (or the shipped one) with the shipped repetition-phase model, which counts
   * when the model was trained on the same pipeline output (the live classification decides).
   */
  private LiveClassification openLive() {
    OnnxClassifier classifier;
    try {
      classifier = model == null
          ? DefaultModel.open(ClassifierOptions.DEFAULT)
          : OnnxClassifier.open(model, ClassifierOptions.DEFAULT);
    } catch (ModelLoadException e) {
      throw new CommandFailedException("model refused: " + e.getMessage(), e);
    }
    try {
      return DefaultClassification.withShippedPhaseModel(classifier, 50,
          LiveClassification.WRISTBAND_CHANNELS);
    } catch (ModelLoadException e) {
      throw new CommandFailedException("shipped repetition-phase model refused: "
          + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      // The model is sound, but the pipeline cannot make its channels from a wristband's.
      throw new CommandFailedException("model " + classifier.source() + " cannot run on a"
          + " wristband capture: " + e.getMessage(), e);
    }
  }

  /** Feeds samples in and prints a line whenever the exercise or the rep count changes. */
  private static final class Timeline {
    private final LiveClassification live;
    private final PrintWriter out;
    private final double[] sample = new double[6];
    private volatile double rateHz = 50;
    private long samples;
    private long firstNanos = -1;
    private String lastExercise;
    private int lastReps = -1;

    Timeline(LiveClassification live, PrintWriter out) {
      this.live = live;
      this.out = out;
    }

    void onPacket(TimedPacket<WristbandDataPacket> timed) {
      int n = timed.packet().samples().size();
      long period = (long) (1e9 / rateHz);
      for (int i = 0; i < n; i++) {
        WristbandSample s = timed.packet().samples().get(i);
        long t = timed.hostTimeNanos() - (n - 1 - i) * period;
        if (firstNanos < 0) {
          firstNanos = t;
        }
        Vector3 a = s.accelG();
        Vector3 g = s.gyroRadPerS();
        sample[0] = a.x();
        sample[1] = a.y();
        sample[2] = a.z();
        sample[3] = g.x();
        sample[4] = g.y();
        sample[5] = g.z();
        live.push(t / 1e9, sample);
        samples++;
        live.latest().ifPresent(e -> report(e, (t - firstNanos) / 1e9));
      }
    }

    private void report(ExerciseEstimate e, double seconds) {
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
