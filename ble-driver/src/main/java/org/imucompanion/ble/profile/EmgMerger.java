package org.imucompanion.ble.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.imucompanion.protocol.myo.MyoEmgPacket;

/**
 * Merges the Myo's four EMG characteristics into one stream. The armband sends them in turn (0, 1,
 * 2, 3, 0 ...), two samples each, so the position of a notification in that rotation tells where
 * its samples belong; a skipped position means a lost notification (two lost samples), and the
 * indices jump over them so downstream can mark the gap.
 *
 * <p>A notification repeating the previous one on the same characteristic byte for byte, where the
 * rotation says it cannot be new, is a duplicate and dropped.
 */
public final class EmgMerger {

  private static final int CHARACTERISTICS = 4;
  private int expected = -1;
  private long nextIndex;
  private long lostSamples;
  private long duplicates;
  private final byte[][] last = new byte[CHARACTERISTICS][];


  /**
   * Places one notification's samples.
   *
   * @param characteristicIndex which EMG characteristic (0..3) it came on
   * @param raw its bytes (for duplicate detection)
   * @param packet its decoded samples
   * @return the samples with their stream indices, oldest first; empty for a duplicate
   */
  public synchronized List<Long> place(int characteristicIndex, byte[] raw, MyoEmgPacket packet) {
    if (characteristicIndex < 0 || characteristicIndex >= CHARACTERISTICS) {
      throw new IllegalArgumentException("EMG characteristic index 0..3: " + characteristicIndex);
    }
    if (expected >= 0) {
      int skipped = Math.floorMod(characteristicIndex - expected, CHARACTERISTICS);
      if (skipped == CHARACTERISTICS - 1 && Arrays.equals(raw, last[characteristicIndex])) {
        duplicates++;
        return List.of();
      }
      lostSamples += 2L * skipped;
      nextIndex += 2L * skipped;
    }
    last[characteristicIndex] = raw.clone();
    expected = (characteristicIndex + 1) % CHARACTERISTICS;
    List<Long> out = new ArrayList<>(2);
    out.add(nextIndex);
    out.add(nextIndex + 1);
    nextIndex += 2;
    return out;
  }

  /**
   * Counts samples inferred lost from gaps in the rotation.
   *
   * @return lost samples (inferred)
   */
  public synchronized long lostSamples() {
    return lostSamples;
  }

  /**
   * Counts notifications dropped as duplicates.
   *
   * @return duplicates
   */
  public synchronized long duplicates() {
    return duplicates;
  }

  /** Starts over (after a reconnect the rotation restarts). */
  public synchronized void reset() {
    expected = -1;
    Arrays.fill(last, null);
  }
}
