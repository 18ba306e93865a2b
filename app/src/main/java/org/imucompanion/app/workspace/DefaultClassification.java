package org.imucompanion.app.workspace;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.imucompanion.models.classifier.ClassifierOptions;
import org.imucompanion.models.classifier.DefaultModel;
import org.imucompanion.models.classifier.ModelLoadException;

/** Attaches the shipped model's live classification to a device once the model has loaded. */
public final class DefaultClassification {
  private DefaultClassification() {}

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
            device.attachClassification(
                new LiveClassification(
                    DefaultModel.open(ClassifierOptions.DEFAULT), rateHz, channels));
          } catch (ModelLoadException | RuntimeException e) {
            device.reportProblem("no live classification: " + e.getMessage());
          }
        },
        background);
  }
}
