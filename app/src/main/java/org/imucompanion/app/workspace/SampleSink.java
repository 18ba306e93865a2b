package org.imucompanion.app.workspace;

/**
 * Receives every sample of every stream of a device as it is decoded, on the connection's delivery
 * thread (for recording into the session store, which queues and writes in batches), and the
 * outages of the link. Must not block.
 */
public interface SampleSink {
  /**
   * One sample.
   *
   * @param stream the index of its stream in {@link LiveDevice#streams()}
   * @param hostNanos when it was taken, on the {@link System#nanoTime()} scale (from the device's
   *     clock model: never before the previous sample of the stream)
   * @param deviceMicros the device clock for the sample, unwrapped to 64 bits (host time in µs
   *     for devices without a clock on the wire)
   * @param values the stream's channels in {@link DeviceStream#channels()} order (reused: copy)
   */
  void onSample(int stream, long hostNanos, long deviceMicros, double[] values);

  /**
   * The link was down and is streaming again; nothing was received in between.
   *
   * @param lostAtNanos when the loss was seen ({@link System#nanoTime()} scale)
   * @param resumedAtNanos when the stream ran again
   * @param cause what the stack said, for the record
   */
  default void onOutage(long lostAtNanos, long resumedAtNanos, String cause) {}

  /** A sink that drops everything. */
  SampleSink NONE = (s, h, d, v) -> {};
}
