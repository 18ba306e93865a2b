package org.imucompanion.app.ui;

import java.util.Random;
import org.imucompanion.app.buffer.SampleRingBuffer;

/**
 * Test-only IMU samples that look like an arm doing slow repetitions (a 0.5 Hz movement with a
 * harmonic, gravity on z, a little seeded noise), so plots and screenshots show plausible, and
 * reproducible, curves.
 */
final class SyntheticArmMotion {
  private final Random noise = new Random(42);
  private long index;

  /**
   * Computes sample {@code index} at the given rate and appends it.
   *
   * @param buffer where to write (channels {@code LiveDevice.IMU_CHANNELS})
   * @param hostTimeNanos the sample's time stamp
   * @param rateHz the sample rate
   */
  void appendNext(SampleRingBuffer buffer, long hostTimeNanos, double rateHz) {
    double t = index++ / rateHz;
    double phase = 2 * Math.PI * 0.5 * t;
    buffer.append(
        hostTimeNanos,
        0.35 * Math.sin(phase) + 0.02 * noise.nextGaussian(),
        0.15 * Math.sin(2 * phase) + 0.02 * noise.nextGaussian(),
        1.0 + 0.4 * Math.cos(phase) + 0.02 * noise.nextGaussian(),
        1.6 * Math.cos(phase) + 0.05 * noise.nextGaussian(),
        0.4 * Math.sin(2 * phase + 0.3) + 0.05 * noise.nextGaussian(),
        0.2 * Math.sin(phase + 1.0) + 0.05 * noise.nextGaussian());
  }

  /**
   * Fills a buffer with {@code seconds} of samples ending now.
   *
   * @param buffer where to write
   * @param seconds how much history
   * @param rateHz the sample rate
   */
  void fillHistory(SampleRingBuffer buffer, double seconds, double rateHz) {
    long now = System.nanoTime();
    int count = (int) (seconds * rateHz);
    for (int i = count - 1; i >= 0; i--) {
      appendNext(buffer, now - (long) (i * 1e9 / rateHz), rateHz);
    }
  }
}
