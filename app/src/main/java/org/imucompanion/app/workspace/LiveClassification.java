package org.imucompanion.app.workspace;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.imucompanion.models.ChannelLayout;
import org.imucompanion.models.Channels;
import org.imucompanion.models.classifier.LabelSmoother;
import org.imucompanion.models.classifier.OnnxClassifier;
import org.imucompanion.models.classifier.SmoothedLabel;
import org.imucompanion.models.pipeline.PipelineOutput;
import org.imucompanion.models.pipeline.PipelineSettings;
import org.imucompanion.models.pipeline.StreamingPipeline;

/**
 * Classifies one device's live IMU stream: samples go through models' streaming pipeline (the
 * same code as training export and {@code evaluate}), each window through the ONNX classifier,
 * the probabilities through the label smoother. Runs on the thread that pushes samples (the
 * connection's delivery thread: a window costs tens of microseconds); the newest estimate is
 * published for the UI to read once per frame.
 *
 * <p>Owns the classifier: closing this closes its ONNX session.
 */
public final class LiveClassification implements AutoCloseable {
  /** Wristband samples as the pipeline receives them: accelerometer in g, gyroscope in rad/s. */
  static final List<String> DEVICE_CHANNELS =
      List.of(
          Channels.ACCEL_X, Channels.ACCEL_Y, Channels.ACCEL_Z,
          Channels.GYRO_X, Channels.GYRO_Y, Channels.GYRO_Z);

  private final OnnxClassifier classifier;
  private final StreamingPipeline pipeline;
  private final LabelSmoother smoother;
  private final float[] probabilities;
  private final AtomicReference<ExerciseEstimate> latest = new AtomicReference<>();
  private long windows;
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
    this.classifier = Objects.requireNonNull(classifier, "classifier");
    PipelineSettings settings =
        PipelineSettings.fromMetadata(classifier.contract().pipelineSettings())
            .withInputRate(deviceRateHz);
    this.smoother = LabelSmoother.forContract(classifier.contract());
    this.probabilities = new float[classifier.classes().size()];
    this.pipeline =
        new StreamingPipeline(
            settings,
            ChannelLayout.of(DEVICE_CHANNELS),
            new PipelineOutput() {
              @Override
              public void onWindow(float[] window, double endTimeSeconds) {
                classify(window);
              }

              @Override
              public void onGap(double lastTimeSeconds, double resumeTimeSeconds) {
                smoother.reset();
              }
            });
  }

  /**
   * Pushes one sample.
   *
   * @param timeSeconds the sample's time on a monotonic clock
   * @param accelG accelerometer x, y, z in g followed by gyroscope x, y, z in rad/s
   */
  public synchronized void push(double timeSeconds, double[] accelG) {
    if (!closed) {
      pipeline.push(timeSeconds, accelG);
    }
  }

  /**
   * Returns the newest estimate.
   *
   * @return empty until the first full window
   */
  public Optional<ExerciseEstimate> latest() {
    return Optional.ofNullable(latest.get());
  }

  private void classify(float[] window) {
    classifier.classify(window, probabilities);
    SmoothedLabel label = smoother.step(probabilities);
    windows++;
    latest.set(
        new ExerciseEstimate(
            label.className(), label.confidence(), classifier.classes(), probabilities, windows));
  }

  /** Stops classifying and closes the model's session. Idempotent. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      classifier.close();
    }
  }
}
