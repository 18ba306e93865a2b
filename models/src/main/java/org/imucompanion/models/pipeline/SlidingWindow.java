package org.imucompanion.models.pipeline;

/**
 * The last {@code length} samples of several channels, ready every {@code hop} samples. A ring
 * buffer of floats (the model's input type); copying a window out is one pass, no allocation.
 */
public final class SlidingWindow {
  private final int length;
  private final int hop;
  private final int channels;
  private final float[] ring;
  private int head;
  private long count;

  /**
   * A window.
   *
   * @param length samples per window (the model's T)
   * @param hop samples between consecutive windows
   * @param channels channels per sample (the model's C)
   */
  public SlidingWindow(int length, int hop, int channels) {
    if (length < 1 || hop < 1 || channels < 1) {
      throw new IllegalArgumentException("length, hop and channels must be positive");
    }
    this.length = length;
    this.hop = hop;
    this.channels = channels;
    this.ring = new float[length * channels];
  }

  /**
   * Appends one sample.
   *
   * @param values one value per channel
   * @return true if a full window ends at this sample (the first after {@code length} samples,
   *     then every {@code hop})
   */
  public boolean push(double[] values) {
    int base = head * channels;
    for (int c = 0; c < channels; c++) {
      ring[base + c] = (float) values[c];
    }
    head = (head + 1) % length;
    count++;
    return count >= length && (count - length) % hop == 0;
  }

  /**
   * Copies the current window, oldest sample first.
   *
   * @param target {@code [length][channels]}
   * @throws IllegalStateException if fewer than {@code length} samples were pushed since reset
   */
  public void copyTo(float[][] target) {
    if (count < length) {
      throw new IllegalStateException("window not full: " + count + " of " + length);
    }
    for (int t = 0; t < length; t++) {
      int base = ((head + t) % length) * channels;
      System.arraycopy(ring, base, target[t], 0, channels);
    }
  }

  /**
   * Copies the current window, oldest first, row-major into a flat array.
   *
   * @param target at least {@code length * channels} floats
   * @param offset where to start writing
   */
  public void copyTo(float[] target, int offset) {
    if (count < length) {
      throw new IllegalStateException("window not full: " + count + " of " + length);
    }
    int firstPart = (length - head) * channels;
    System.arraycopy(ring, head * channels, target, offset, firstPart);
    System.arraycopy(ring, 0, target, offset + firstPart, head * channels);
  }

  /** Empties the window (after a gap, so no window spans it). */
  public void reset() {
    head = 0;
    count = 0;
  }

  /**
   * Samples per window.
   *
   * @return T
   */
  public int length() {
    return length;
  }

  /**
   * Channels per sample.
   *
   * @return C
   */
  public int channels() {
    return channels;
  }
}
