package org.imucompanion.app.workspace;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.imucompanion.models.ChannelLayout;
import org.imucompanion.models.Channels;
import org.imucompanion.models.classifier.LabelSmoother;
import org.imucompanion.models.classifier.OnnxClassifier;
import org.imucompanion.models.classifier.SmoothedLabel;
import org.imucompanion.models.pipeline.PipelineOutput;
import org.imucompanion.models.pipeline.PipelineSettings;
import org.imucompanion.models.pipeline.StreamingPipeline;
import org.imucompanion.models.reps.CountingLabel;
import org.imucompanion.models.reps.PhaseRepCounter;
import org.imucompanion.models.reps.RepCounter;
import org.imucompanion.models.reps.RepEvent;
import org.imucompanion.models.reps.RepProfiles;

/**
 * Classifies one device's live IMU stream: samples go through models' streaming pipeline (the
 * same code as training export and {@code evaluate}), each window through the ONNX classifier,
 * the probabilities through the label smoother, and the resampled samples with the current label
 * through the rep counter. Runs on the thread that pushes samples (the
 * connection's delivery thread: a window costs tens of microseconds); the newest estimate is
 * published for the UI to read once per frame.
 *
 * <p>Repetitions are counted by a {@link PhaseRepCounter} when a repetition-phase model trained
 * on the same pipeline's output as the classifier is given (the shipped pair: {@code
 * DefaultModel.open} and {@code DefaultModel.phase}), else by the signal-based {@link RepCounter}
 * when the model's channels carry what its profiles need; both read the counting label. A gap in
 * the stream resets the labels and ends the phase counter's open set.
 *
 * <p>Owns the classifier and the phase model: closing this closes their ONNX sessions.
 */
public final class LiveClassification implements AutoCloseable {
  /** Wristband samples as the pipeline receives them: accelerometer in g, gyroscope in rad/s. */
  public static final List<String> WRISTBAND_CHANNELS =
      List.of(
          Channels.ACCEL_X, Channels.ACCEL_Y, Channels.ACCEL_Z,
          Channels.GYRO_X, Channels.GYRO_Y, Channels.GYRO_Z);

  /** A Myo's samples: accelerometer (g), gyroscope (rad/s), then its orientation quaternion. */
  public static final List<String> ACCEL_GYRO_QUAT =
      List.of(
          Channels.ACCEL_X, Channels.ACCEL_Y, Channels.ACCEL_Z,
          Channels.GYRO_X, Channels.GYRO_Y, Channels.GYRO_Z,
          Channels.QUAT_W, Channels.QUAT_X, Channels.QUAT_Y, Channels.QUAT_Z);

  private final OnnxClassifier classifier;
  private final StreamingPipeline pipeline;
  private final LabelSmoother smoother;
  /** The label the rep counter counts under: quicker to rest than the one shown. */
  private final CountingLabel counting;
  private final float[] probabilities;
  /** The newest window's outputs, kept apart until they are known to be finite. */
  private final float[] outputs;
  private final AtomicReference<ExerciseEstimate> latest = new AtomicReference<>();
  private final Optional<Counting> reps;
  private final Optional<OnnxClassifier> phaseModel;
  private final Consumer<RepEvent> onRepetition = this::repetition;
  private final SetHistory history = new SetHistory();
  private volatile ClassificationListener listener = ClassificationListener.NONE;
  private volatile java.util.function.IntConsumer repetitionsWatcher = n -> {};
  private long sourceHostNanos;
  private long windows;
  private volatile long nonFiniteWindows;
  private boolean closed;

  /**
   * Builds the pipeline the model's contract asks for, fed at the device's rate.
   *
   * @param classifier the model (owned from now on)
   * @param deviceRateHz the rate samples will be pushed at
   * @throws IllegalArgumentException if the pipeline cannot make the model's channels from an
   *     accelerometer and a gyroscope
   */
  public LiveClassification(OnnxClassifier classifier, double deviceRateHz) {
    this(classifier, deviceRateHz, WRISTBAND_CHANNELS);
  }

  /**
   * Builds the pipeline the model's contract asks for, fed at the device's rate with the device's
   * own channels: a Myo adds its quaternion ({@link #ACCEL_GYRO_QUAT}), which the pipeline then
   * uses for the gravity split instead of estimating orientation itself.
   *
   * @param classifier the model (owned from now on)
   * @param deviceRateHz the rate samples will be pushed at
   * @param deviceChannels the channels of every pushed sample, in order
   * @throws IllegalArgumentException if the pipeline cannot make the model's channels from them
   */
  public LiveClassification(
      OnnxClassifier classifier, double deviceRateHz, List<String> deviceChannels) {
    this(classifier, Optional.empty(), deviceRateHz, deviceChannels);
  }

  /**
   * Builds the pipeline the model's contract asks for and counts repetitions with a phase model.
   *
   * @param classifier the exercise model (owned from now on)
   * @param phaseModel a repetition-phase model (owned from now on); used when it was trained on
   *     the same pipeline output as the classifier, else closed at once and the signal-based
   *     counter used ({@link #repetitionModel()} tells which)
   * @param deviceRateHz the rate samples will be pushed at
   * @param deviceChannels the channels of every pushed sample, in order
   * @throws IllegalArgumentException if the pipeline cannot make the model's channels from them
   */
  public LiveClassification(OnnxClassifier classifier, Optional<OnnxClassifier> phaseModel,
      double deviceRateHz, List<String> deviceChannels) {
    this.classifier = Objects.requireNonNull(classifier, "classifier");
    PipelineSettings settings =
        PipelineSettings.fromMetadata(classifier.contract().pipelineSettings())
            .withInputRate(deviceRateHz);
    this.smoother = LabelSmoother.forContract(classifier.contract());
    this.counting = CountingLabel.forContract(classifier.contract());
    this.probabilities = new float[classifier.classes().size()];
    this.outputs = new float[probabilities.length];
    this.pipeline = ownedPhaseModelClosedIfThrows(phaseModel, () ->
        new StreamingPipeline(
            settings,
            ChannelLayout.of(deviceChannels),
            new PipelineOutput() {
              @Override
              public void onSample(double timeSeconds, double[] values) {
                countReps(timeSeconds, values);
              }

              @Override
              public void onWindow(float[] window, double endTimeSeconds) {
                classify(window, endTimeSeconds);
              }

              @Override
              public void onGap(double lastTimeSeconds, double resumeTimeSeconds) {
                smoother.reset();
                counting.reset();
                reps.ifPresent(Counting::interrupt);
              }
            }));
    Optional<PhaseRepCounter> phase = phaseModel.flatMap(m -> phaseCounter(classifier, m));
    this.phaseModel = phase.isPresent() ? phaseModel : Optional.empty();
    this.reps = phase.isPresent()
        ? phase.map(PhaseCounting::new)
        : repCounter(pipeline, settings);
  }

  /** The pipeline, or the phase model (owned once passed in) closed if the pipeline is refused. */
  private static StreamingPipeline ownedPhaseModelClosedIfThrows(
      Optional<OnnxClassifier> phaseModel, Supplier<StreamingPipeline> pipeline) {
    try {
      return pipeline.get();
    } catch (RuntimeException e) {
      phaseModel.ifPresent(OnnxClassifier::close);
      throw e;
    }
  }

  /** The phase model's counter, or empty (and the model closed) if it doesn't fit. */
  private static Optional<PhaseRepCounter> phaseCounter(
      OnnxClassifier classifier, OnnxClassifier phaseModel) {
    try {
      return Optional.of(PhaseRepCounter.beside(phaseModel, phaseModel.contract(),
          classifier.contract(), PhaseRepCounter.Settings.defaults()));
    } catch (IllegalArgumentException e) {
      // Trained on another pipeline's output (or not a phase model): it can't read this stream.
      phaseModel.close();
      return Optional.empty();
    }
  }

  private static Optional<Counting> repCounter(StreamingPipeline pipeline, PipelineSettings s) {
    try {
      return Optional.of(new SignalCounting(
          new RepCounter(
              pipeline.outputLayout(),
              s.targetRateHz(),
              RepProfiles.defaults(),
              RepCounter.Settings.defaults())));
    } catch (IllegalArgumentException e) {
      // The model's channels lack a signal the rep profiles need: recognise, don't count.
      return Optional.empty();
    }
  }

  /** One of the two counters, as this class drives them. */
  private interface Counting {
    void step(double t, double[] values, CountingLabel label, Consumer<RepEvent> sink);

    int repetitionsInSet();

    void interrupt();
  }

  /** The signal-based counter: it reads the newest window's rest probability too. */
  private record SignalCounting(RepCounter counter) implements Counting {
    @Override
    public void step(double t, double[] values, CountingLabel label, Consumer<RepEvent> sink) {
      counter.step(t, values, label.label(), label.restProbability()).ifPresent(sink);
    }

    @Override
    public int repetitionsInSet() {
      return counter.repetitionsInSet();
    }

    @Override
    public void interrupt() {
      // Its sets end on the label, which the gap has reset to rest.
    }
  }

  private record PhaseCounting(PhaseRepCounter counter) implements Counting {
    @Override
    public void step(double t, double[] values, CountingLabel label, Consumer<RepEvent> sink) {
      counter.step(t, values, label.label(), sink);
    }

    @Override
    public int repetitionsInSet() {
      return counter.repetitionsInSet();
    }

    @Override
    public void interrupt() {
      counter.interrupt();
    }
  }

  /**
   * Tells whether repetitions are counted: by the phase model, or by the signal-based counter
   * when the model's channels carry what the rep profiles need.
   *
   * @return true when a rep counter runs
   */
  public boolean countsRepetitions() {
    return reps.isPresent();
  }

  /**
   * The repetition-phase model that counts, if one does.
   *
   * @return its model version, or empty when the signal-based counter counts (or none)
   */
  public Optional<String> repetitionModel() {
    return phaseModel.map(m -> m.contract().modelVersion());
  }

  /**
   * Pushes one sample.
   *
   * @param timeSeconds the sample's time on a monotonic clock
   * @param accelG accelerometer x, y, z in g followed by gyroscope x, y, z in rad/s (and the
   *     quaternion w, x, y, z when built with {@link #ACCEL_GYRO_QUAT})
   */
  public synchronized void push(double timeSeconds, double[] accelG) {
    if (!closed) {
      sourceHostNanos = Math.round(timeSeconds * 1e9);
      pipeline.push(timeSeconds, accelG);
    }
  }

  /**
   * Counts the windows whose model outputs were NaN or infinite: they are neither smoothed nor
   * shown nor counted in {@link ExerciseEstimate#windows()}.
   *
   * @return windows skipped so far; readable from any thread
   */
  public long nonFiniteWindows() {
    return nonFiniteWindows;
  }

  /**
   * Returns the sets counted so far (exercise, repetitions, duration), for the set history.
   *
   * @return the history, updated on the pushing thread
   */
  public SetHistory setHistory() {
    return history;
  }

  /**
   * Returns the newest estimate.
   *
   * @return empty until the first full window
   */
  public Optional<ExerciseEstimate> latest() {
    return Optional.ofNullable(latest.get());
  }

  /**
   * Tells a listener what is shown from the next window on ({@link ClassificationListener#NONE}
   * to stop); callable from any thread.
   *
   * @param listener who hears labels and repetitions
   */
  public void listen(ClassificationListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  private void classify(float[] window, double endTimeSeconds) {
    classifier.classify(window, outputs);
    for (float p : outputs) {
      if (!Float.isFinite(p)) {
        // A model that passed the load check can still fail on some window: count it, and show
        // the last good label rather than "NaN %".
        nonFiniteWindows++;
        return;
      }
    }
    System.arraycopy(outputs, 0, probabilities, 0, outputs.length);
    SmoothedLabel label = smoother.step(probabilities);
    counting.step(probabilities);
    windows++;
    publish(label.className(), label.confidence());
    listener.onLabel(
        Math.round(endTimeSeconds * 1e9),
        label.className(),
        label.confidence(),
        classifier.contract().modelVersion());
  }

  private void countReps(double timeSeconds, double[] values) {
    if (reps.isPresent() && counting.label() != null) {
      reps.get().step(timeSeconds, values, counting, onRepetition);
    }
  }

  private void repetition(RepEvent rep) {
    // Only re-publish when a repetition is counted: the label changes with windows anyway.
    history.accept(rep);
    listener.onRepetition(rep, classifier.contract().modelVersion());
    ExerciseEstimate last = latest.get();
    if (last != null) {
      publish(last.exercise(), last.confidence());
    }
  }

  private void publish(String exercise, double confidence) {
    int inSet = reps.map(Counting::repetitionsInSet).orElse(0);
    latest.set(
        new ExerciseEstimate(
            exercise,
            confidence,
            classifier.classes(),
            probabilities,
            windows,
            inSet,
            sourceHostNanos));
    repetitionsWatcher.accept(inSet);
  }

  /**
   * Tells a watcher the repetitions in the open set each time an estimate is published (the
   * device's haptic cues), on the classification thread; it must not block.
   *
   * @param watcher receives the count, 0 when no set is open
   */
  public void watchRepetitions(java.util.function.IntConsumer watcher) {
    this.repetitionsWatcher = Objects.requireNonNull(watcher, "watcher");
  }

  /** Stops classifying and closes the model's session. Idempotent. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      classifier.close();
      phaseModel.ifPresent(OnnxClassifier::close);
    }
  }
}
