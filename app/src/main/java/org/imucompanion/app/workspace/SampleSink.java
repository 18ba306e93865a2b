package org.imucompanion.app.workspace;

/**
 * Receives every IMU sample of a device as it is decoded, on the connection's delivery thread
 * (for recording into the session store, which queues and writes in batches). Must not block.
 */
@FunctionalInterface
public interface SampleSink {
  /**
   * One sample.
   *
   * @param hostNanos when it reached the host ({@link System#nanoTime()} scale; batched samples
   *     are spread back at the device's rate)
   * @param deviceMicros the device clock for the sample (32-bit, may wrap)
   * @param values accelerometer x, y, z in g, then gyroscope x, y, z in rad/s (reused: copy)
   */
  void onSample(long hostNanos, long deviceMicros, double[] values);

  /** A sink that drops everything. */
  SampleSink NONE = (h, d, v) -> {};
}
