package org.imucompanion.protocol.myo;

import java.util.Arrays;

/**
 * One EMG sample of the Myo's eight electrodes, in raw signed 8-bit counts (PROTOCOL.md §4.3).
 * Immutable: the channels are copied in and never handed out.
 */
public final class EmgSample {
  /** Number of channels. */
  public static final int CHANNELS = 8;

  private final byte[] counts;

  /**
   * Creates a sample.
   *
   * @param counts eight values in -128..127
   */
  public EmgSample(int... counts) {
    if (counts.length != CHANNELS) {
      throw new IllegalArgumentException("8 channels, got " + counts.length);
    }
    this.counts = new byte[CHANNELS];
    for (int i = 0; i < CHANNELS; i++) {
      if (counts[i] < Byte.MIN_VALUE || counts[i] > Byte.MAX_VALUE) {
        throw new IllegalArgumentException("channel " + i + " outside -128..127: " + counts[i]);
      }
      this.counts[i] = (byte) counts[i];
    }
  }

  /**
   * Returns one channel.
   *
   * @param index 0..7
   * @return the count, -128..127
   */
  public int channel(int index) {
    return counts[index];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EmgSample other && Arrays.equals(counts, other.counts);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "EmgSample" + Arrays.toString(counts);
  }
}
