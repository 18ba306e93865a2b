package org.imucompanion.models.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable run of samples of one stream, the unit the store writes as one row.
 *
 * <p>Samples are kept in flat primitive arrays (no object per sample) because the recorder fills
 * blocks at thousands of samples per second; the store turns a block into three little-endian
 * blobs. Not thread-safe: one thread fills a block, then hands it over.
 */
public final class SampleBlock {
  private final int channelCount;
  private long[] hostNanos;
  private long[] deviceMicros;
  private double[] values;
  private int size;

  /**
   * Creates an empty block.
   *
   * @param channelCount values per sample
   * @param initialCapacity samples to make room for
   */
  public SampleBlock(int channelCount, int initialCapacity) {
    if (channelCount < 1) {
      throw new IllegalArgumentException("channelCount must be >= 1: " + channelCount);
    }
    int cap = Math.max(1, initialCapacity);
    this.channelCount = channelCount;
    this.hostNanos = new long[cap];
    this.deviceMicros = new long[cap];
    this.values = new double[cap * channelCount];
  }

  /**
   * Appends one sample.
   *
   * @param hostNanosValue host monotonic time of arrival
   * @param deviceMicrosValue device time (already unwrapped to a monotonic count)
   * @param sampleValues exactly {@link #channelCount()} values, copied
   */
  public void add(long hostNanosValue, long deviceMicrosValue, double[] sampleValues) {
    add(hostNanosValue, deviceMicrosValue, sampleValues, 0);
  }

  /**
   * Appends one sample whose values start at an offset of a larger array.
   *
   * @param hostNanosValue host monotonic time of arrival
   * @param deviceMicrosValue device time
   * @param source array holding the values
   * @param offset index of the first value in {@code source}
   */
  public void add(long hostNanosValue, long deviceMicrosValue, double[] source, int offset) {
    if (source.length - offset < channelCount || offset < 0) {
      throw new IllegalArgumentException(
          "sample has " + (source.length - offset) + " values, stream has " + channelCount);
    }
    if (size == hostNanos.length) {
      int cap = hostNanos.length * 2;
      hostNanos = Arrays.copyOf(hostNanos, cap);
      deviceMicros = Arrays.copyOf(deviceMicros, cap);
      values = Arrays.copyOf(values, cap * channelCount);
    }
    hostNanos[size] = hostNanosValue;
    deviceMicros[size] = deviceMicrosValue;
    System.arraycopy(source, offset, values, size * channelCount, channelCount);
    size++;
  }

  /**
   * Returns the number of samples.
   *
   * @return samples held
   */
  public int size() {
    return size;
  }

  /**
   * Returns the number of values per sample.
   *
   * @return channels
   */
  public int channelCount() {
    return channelCount;
  }

  /**
   * Returns a sample's host time.
   *
   * @param i sample index in this block
   * @return host monotonic nanoseconds
   */
  public long hostNanos(int i) {
    checkIndex(i);
    return hostNanos[i];
  }

  /**
   * Returns a sample's device time.
   *
   * @param i sample index in this block
   * @return device microseconds
   */
  public long deviceMicros(int i) {
    checkIndex(i);
    return deviceMicros[i];
  }

  /**
   * Returns one value.
   *
   * @param i sample index in this block
   * @param channel channel index
   * @return the value
   */
  public double value(int i, int channel) {
    checkIndex(i);
    if (channel < 0 || channel >= channelCount) {
      throw new IndexOutOfBoundsException("channel " + channel);
    }
    return values[i * channelCount + channel];
  }

  /**
   * Copies a sample's values.
   *
   * @param i sample index in this block
   * @return a new array of {@link #channelCount()} values
   */
  public double[] values(int i) {
    checkIndex(i);
    return Arrays.copyOfRange(values, i * channelCount, (i + 1) * channelCount);
  }

  /** Forgets all samples, keeping the arrays for reuse. */
  public void clear() {
    size = 0;
  }

  private void checkIndex(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("sample " + i + " of " + size);
    }
  }

  byte[] hostNanosBlob() {
    return longsToBlob(hostNanos, size);
  }

  byte[] deviceMicrosBlob() {
    return longsToBlob(deviceMicros, size);
  }

  byte[] valuesBlob() {
    ByteBuffer b = ByteBuffer.allocate(size * channelCount * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    b.asDoubleBuffer().put(values, 0, size * channelCount);
    return b.array();
  }

  static SampleBlock fromBlobs(int channelCount, int count, byte[] host, byte[] device, byte[] vals) {
    if (host.length != count * Long.BYTES
        || device.length != count * Long.BYTES
        || vals.length != count * channelCount * Double.BYTES) {
      throw new IllegalStateException(
          "sample block blobs don't match " + count + " samples x " + channelCount + " channels");
    }
    SampleBlock block = new SampleBlock(channelCount, count);
    ByteBuffer.wrap(host).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(block.hostNanos, 0, count);
    ByteBuffer.wrap(device).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(block.deviceMicros, 0, count);
    ByteBuffer.wrap(vals).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(block.values, 0, count * channelCount);
    block.size = count;
    return block;
  }

  private static byte[] longsToBlob(long[] a, int n) {
    ByteBuffer b = ByteBuffer.allocate(n * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    b.asLongBuffer().put(a, 0, n);
    return b.array();
  }
}
