package org.imucompanion.app.buffer;

import java.util.List;

/**
 * A copy of the newest samples of a stream, ready to plot: times in seconds relative to the newest
 * sample (so they are {@code <= 0} and a fixed axis from {@code -span} to {@code 0} scrolls), and
 * one array of values per channel.
 *
 * <p>The arrays belong to the window; the ring buffer never touches them again.
 *
 * @param channels channel names, in the order of {@code values}
 * @param secondsBeforeNewest per sample, its time minus the newest sample's time, oldest first
 * @param values per channel, per sample
 * @param newestHostTimeNanos host time of the newest sample ({@code 0} when empty)
 * @param totalWritten samples appended to the buffer when the copy was taken
 */
public record SampleWindow(
    List<String> channels,
    double[] secondsBeforeNewest,
    double[][] values,
    long newestHostTimeNanos,
    long totalWritten) {

  /** Validates the shape. */
  public SampleWindow {
    channels = List.copyOf(channels);
    if (values.length != channels.size()) {
      throw new IllegalArgumentException("one value array per channel is needed");
    }
    SampleRingBuffer.requireSameLength(secondsBeforeNewest, values);
  }

  static SampleWindow empty(List<String> channels) {
    return new SampleWindow(channels, new double[0], new double[channels.size()][0], 0L, 0L);
  }

  /**
   * Returns the number of samples in the window.
   *
   * @return the sample count
   */
  public int count() {
    return secondsBeforeNewest.length;
  }

  /**
   * Returns one channel's values.
   *
   * @param channel the channel's name
   * @return its values, oldest first
   * @throws IllegalArgumentException if there is no such channel
   */
  public double[] channel(String channel) {
    int index = channels.indexOf(channel);
    if (index < 0) {
      throw new IllegalArgumentException("no channel " + channel + " in " + channels);
    }
    return values[index];
  }

  /**
   * Estimates the sample rate from the samples in the window.
   *
   * @return samples per second, or {@code NaN} with fewer than two samples or no time between them
   */
  public double samplesPerSecond() {
    int n = count();
    if (n < 2) {
      return Double.NaN;
    }
    double span = -secondsBeforeNewest[0];
    return span > 0 ? (n - 1) / span : Double.NaN;
  }
}
