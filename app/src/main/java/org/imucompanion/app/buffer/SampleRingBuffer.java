package org.imucompanion.app.buffer;

import java.util.List;
import java.util.Objects;

/**
 * The most recent samples of a multi-channel stream, with the host time each was received.
 *
 * <p>Producers call {@link #append} from any thread; the UI calls {@link #latest} once per frame
 * and gets a copy, so it never holds a lock while drawing. When the buffer is full the oldest
 * sample is overwritten: a plot only ever shows the newest seconds, and a slow UI must not slow
 * the producer down. A single lock is enough: a few hundred samples per second per device cost
 * nothing next to a frame, and it keeps the copy consistent (no torn samples).
 */
public final class SampleRingBuffer {
  private final List<String> channels;
  private final int capacity;
  private final long[] hostTimeNanos;
  private final double[][] values;
  private long written;

  /**
   * Creates an empty buffer.
   *
   * @param channels the channel names, in the order {@link #append} receives them
   * @param capacity how many samples are kept (at least 2)
   */
  public SampleRingBuffer(List<String> channels, int capacity) {
    this.channels = List.copyOf(channels);
    if (this.channels.isEmpty()) {
      throw new IllegalArgumentException("at least one channel is needed");
    }
    if (capacity < 2) {
      throw new IllegalArgumentException("capacity must be >= 2: " + capacity);
    }
    this.capacity = capacity;
    this.hostTimeNanos = new long[capacity];
    this.values = new double[this.channels.size()][capacity];
  }

  /**
   * Returns the channel names.
   *
   * @return the names, in append order
   */
  public List<String> channels() {
    return channels;
  }

  /**
   * Returns how many samples the buffer keeps.
   *
   * @return the capacity
   */
  public int capacity() {
    return capacity;
  }

  /**
   * Adds one sample, overwriting the oldest when full.
   *
   * @param hostTimeNanos when the sample was received ({@link System#nanoTime()} scale)
   * @param sample one value per channel, in channel order
   * @throws IllegalArgumentException if the number of values is not the number of channels
   */
  public void append(long hostTimeNanos, double... sample) {
    if (sample.length != channels.size()) {
      throw new IllegalArgumentException(
          "expected " + channels.size() + " values, got " + sample.length);
    }
    synchronized (this) {
      int slot = (int) (written % capacity);
      this.hostTimeNanos[slot] = hostTimeNanos;
      for (int c = 0; c < sample.length; c++) {
        values[c][slot] = sample[c];
      }
      written++;
    }
  }

  /**
   * Counts every sample ever appended, overwritten ones included. A reader compares it with the
   * value it saw last to know whether anything new arrived without copying.
   *
   * @return samples appended since creation
   */
  public synchronized long written() {
    return written;
  }

  /**
   * Copies the newest samples received within {@code spanNanos} of the newest one.
   *
   * @param spanNanos how far back from the newest sample to go
   * @return a copy; empty (count 0) if nothing was appended yet
   */
  public synchronized SampleWindow latest(long spanNanos) {
    int held = (int) Math.min(written, capacity);
    if (held == 0) {
      return SampleWindow.empty(channels);
    }
    int newestSlot = (int) ((written - 1) % capacity);
    long newest = hostTimeNanos[newestSlot];
    int count = 0;
    // Walk back from the newest sample while inside the span.
    while (count < held) {
      int slot = Math.floorMod(newestSlot - count, capacity);
      if (newest - hostTimeNanos[slot] > spanNanos) {
        break;
      }
      count++;
    }
    double[] secondsBeforeNewest = new double[count];
    double[][] copy = new double[channels.size()][count];
    int first = Math.floorMod(newestSlot - count + 1, capacity);
    for (int i = 0; i < count; i++) {
      int slot = (first + i) % capacity;
      secondsBeforeNewest[i] = (hostTimeNanos[slot] - newest) / 1e9;
      for (int c = 0; c < channels.size(); c++) {
        copy[c][i] = values[c][slot];
      }
    }
    return new SampleWindow(channels, secondsBeforeNewest, copy, newest, written);
  }

  @Override
  public String toString() {
    return "SampleRingBuffer" + channels + "[capacity=" + capacity + ", written=" + written() + "]";
  }

  static void requireSameLength(double[] times, double[][] channelValues) {
    Objects.requireNonNull(times, "times");
    for (double[] channel : channelValues) {
      if (channel.length != times.length) {
        throw new IllegalArgumentException("every channel needs one value per time");
      }
    }
  }
}
