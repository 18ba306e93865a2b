package org.imucompanion.models.pipeline;

/**
 * Receives what a {@link StreamingPipeline} produces, on the thread that feeds it. Arrays are
 * reused between calls: copy what you keep.
 */
public interface PipelineOutput {
  /**
   * One resampled, filtered sample at the target rate, in the model's channel order (for the rep
   * counter and live plots).
   *
   * @param timeSeconds grid time
   * @param values one value per requested channel (reused)
   */
  default void onSample(double timeSeconds, double[] values) {}

  /**
   * A full window ends at this sample.
   *
   * @param window {@code window * channels} unnormalized floats, time-major (row {@code t} holds
   *     the channels of step {@code t}, oldest first) (reused)
   * @param endTimeSeconds grid time of the window's last step
   */
  void onWindow(float[] window, double endTimeSeconds);

  /**
   * The input stopped for longer than the gap limit; everything restarted. No window spans a gap.
   *
   * @param lastTimeSeconds time of the last sample before the gap
   * @param resumeTimeSeconds time of the first sample after it
   */
  default void onGap(double lastTimeSeconds, double resumeTimeSeconds) {}
}
