package org.imucompanion.app.workspace;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.imucompanion.models.classifier.ClassifierOptions;
import org.imucompanion.models.classifier.DefaultModel;
import org.imucompanion.models.classifier.ModelLoadException;
import org.imucompanion.models.classifier.OnnxClassifier;

/**
 * Attaches the shipped models' live classification to a device once they have loaded: the
 * exercise classifier, and the repetition-phase model that counts its repetitions.
 */
public final class DefaultClassification {
  private DefaultClassification() {}

  /**
   * What a device's feed pushes into a live classification: the rate and the channels of each
   * pushed sample.
   *
   * @param rateHz the rate samples are pushed at
   * @param channels the channels of each sample
   */
  public record Input(double rateHz, List<String> channels) {}

  /**
   * What a streaming device feeds a classification.
   *
   * @param device a device whose kind is known
   * @return the input; empty for a device that feeds none (see {@link #notClassified})
   */
  public static Optional<Input> inputOf(LiveDevice device) {
    if (device.deviceKind().isEmpty() || device.streams().isEmpty()) {
      return Optional.empty();
    }
    double rate = device.streams().get(0).nominalRateHz();
    return switch (device.deviceKind().get()) {
      case WRISTBAND_V1 -> Optional.of(new Input(rate, LiveClassification.WRISTBAND_CHANNELS));
      case MYO -> Optional.of(new Input(rate, LiveClassification.ACCEL_GYRO_QUAT));
      case LEGACY -> Optional.empty();
    };
  }

  /**
   * Says why a device is not classified.
   *
   * @param device a device {@link #inputOf} gives no input for
   * @return the reason, for the device's problem line
   */
  public static String notClassified(LiveDevice device) {
    return device.streams().isEmpty()
        ? "not classified: the device is not streaming"
        : String.format(
            java.util.Locale.ROOT,
            "not classified: it sends %.1f samples a second, too few for the model's pipeline",
            device.streams().get(0).nominalRateHz());
  }

  /**
   * Attaches the shipped models to a device once it streams (its kind and rate are known then),
   * or reports why it is not classified.
   *
   * @param device the device, streaming or about to
   * @param background where to load the model (never the FX thread)
   * @return completes when attached (or the reason reported); never if the device never streams
   */
  public static CompletableFuture<Void> attachWhenStreaming(LiveDevice device, Executor background) {
    return device
        .firstStreaming()
        .thenComposeAsync(
            d ->
                inputOf(d)
                    .map(in -> attach(d, in.rateHz(), in.channels(), background))
                    .orElseGet(
                        () -> {
                          d.reportProblem(notClassified(d));
                          return CompletableFuture.completedFuture(null);
                        }),
            background)
        .exceptionally(e -> null);
  }

  /**
   * Loads the default model on an executor (file I/O and session setup take a moment) and
   * attaches it; the device classifies from its next sample on. A model that fails to load is
   * reported as the device's problem, for the user to read.
   *
   * @param device the device
   * @param rateHz the rate its samples are pushed at
   * @param channels the channels of each pushed sample ({@link
   *     LiveClassification#WRISTBAND_CHANNELS} or {@link LiveClassification#ACCEL_GYRO_QUAT})
   * @param background where to load the model (never the FX thread)
   * @return completes when attached (or the problem reported)
   */
  public static CompletableFuture<Void> attach(
      LiveDevice device, double rateHz, List<String> channels, Executor background) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            device.attachClassification(open(rateHz, channels));
          } catch (ModelLoadException | RuntimeException e) {
            device.reportProblem("no live classification: " + e.getMessage());
          }
        },
        background);
  }

  /**
   * The shipped classifier with the shipped repetition-phase model counting its repetitions.
   *
   * @param rateHz the rate samples will be pushed at
   * @param channels the channels of each pushed sample
   * @return the live classification; close it when done
   * @throws ModelLoadException if either shipped model can't be loaded
   */
  public static LiveClassification open(double rateHz, List<String> channels)
      throws ModelLoadException {
    return withShippedPhaseModel(DefaultModel.open(ClassifierOptions.DEFAULT), rateHz, channels);
  }

  /**
   * A classifier with the shipped repetition-phase model, which counts when the classifier was
   * trained on the same pipeline output (see {@link LiveClassification}).
   *
   * @param classifier the classifier (owned from now on: closed here if this fails)
   * @param rateHz the rate samples will be pushed at
   * @param channels the channels of each pushed sample
   * @return the live classification; close it when done
   * @throws ModelLoadException if the shipped phase model can't be loaded
   */
  public static LiveClassification withShippedPhaseModel(OnnxClassifier classifier,
      double rateHz, List<String> channels) throws ModelLoadException {
    try {
      return new LiveClassification(classifier,
          Optional.of(DefaultModel.phase(ClassifierOptions.DEFAULT)), rateHz, channels);
    } catch (ModelLoadException | RuntimeException e) {
      classifier.close();
      throw e;
    }
  }
}
