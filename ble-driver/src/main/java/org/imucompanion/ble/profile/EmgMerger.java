package org.imucompanion.ble.profile;

import java.util.Arrays;
import java.util.List;
import org.imucompanion.protocol.myo.MyoEmgPacket;

/**
 * Merges the Myo's four EMG characteristics into one stream. The armband sends them in turn (0, 1,
 * 2, 3, 0 ...), two samples each, so the position of a notification in that rotation tells where
 * its samples belong; a skipped position means a lost notification (two lost samples), and the
 * indices jump over them so downstream can mark the gap.
 *
 * <p>A skipped position is remembered as a hole until that characteristic's next turn: if its
 * notification turns up late (reordered), it fills the hole with its own, lower indices and the
 * loss is taken back. A notification repeating the previous one on the same characteristic byte for
 * byte, where the rotation says it cannot be new, is a duplicate and dropped.
 */
public final class EmgMerger {

  private static final int CHARACTERISTICS = 4;
  private static final int SAMPLES_PER_NOTIFICATION = 2;
  private static final long NO_HOLE = -1;
  private int expected = -1;
  private long nextIndex;
  private long lostSamples;
  private long duplicates;
  private long late;
  private final byte[][] last = new byte[CHARACTERISTICS][];
  private final long[] holes = {NO_HOLE, NO_HOLE, NO_HOLE, NO_HOLE};

  /**
   * Says which EMG characteristic carries a notification in the armband's rotation; the virtual
   * Myo sends by it, so device and merger cannot disagree on the order.
   *
   * @param notification the armband's EMG notification count since streaming started (0, 1, ...)
   * @return the characteristic's index 0..3 in {@code MyoUuids.EMG_DATA}
   */
  public static int characteristicOf(long notification) {
    return (int) Math.floorMod(notification, (long) CHARACTERISTICS);
  }

  /**
   * Returns the stream index of the first of a notification's two samples, counted from the start
   * of streaming when nothing was lost; the second follows it.
   *
   * @param notification the armband's EMG notification count since streaming started (0, 1, ...)
   * @return the sample index
   */
  public static long firstSampleOf(long notification) {
    return SAMPLES_PER_NOTIFICATION * notification;
  }

  /**
   * Places one notification's samples.
   *
   * @param characteristicIndex which EMG characteristic (0..3) it came on
   * @param raw its bytes (for duplicate detection)
   * @param packet its decoded samples
   * @return the stream indices of its two samples, oldest first; empty for a duplicate
   */
  public synchronized List<Long> place(int characteristicIndex, byte[] raw, MyoEmgPacket packet) {
    int k = characteristicIndex;
    if (k < 0 || k >= CHARACTERISTICS) {
      throw new IllegalArgumentException("EMG characteristic index 0..3: " + k);
    }
    if (expected >= 0) {
      int skipped = Math.floorMod(k - expected, CHARACTERISTICS);
      if (skipped == CHARACTERISTICS - 1 && Arrays.equals(raw, last[k])) {
        duplicates++;
        return List.of();
      }
      if (skipped != 0 && holes[k] != NO_HOLE) {
        long at = holes[k];
        holes[k] = NO_HOLE;
        lostSamples -= 2;
        late++;
        last[k] = raw.clone();
        return List.of(at, at + 1);
      }
      for (int i = 0; i < skipped; i++) {
        holes[(expected + i) % CHARACTERISTICS] = nextIndex + 2L * i;
      }
      lostSamples += 2L * skipped;
      nextIndex += 2L * skipped;
    }
    holes[k] = NO_HOLE; // its turn came again: an older hole of its own stays lost
    last[k] = raw.clone();
    expected = (k + 1) % CHARACTERISTICS;
    List<Long> out = List.of(nextIndex, nextIndex + 1);
    nextIndex += 2;
    return out;
  }

  /**
   * Counts samples inferred lost from gaps in the rotation (net of late arrivals).
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

  /**
   * Counts notifications that arrived after a later one and filled their hole.
   *
   * @return late (out-of-order) notifications
   */
  public synchronized long late() {
    return late;
  }

  /** Starts over (after a reconnect the rotation restarts). */
  public synchronized void reset() {
    expected = -1;
    Arrays.fill(last, null);
    Arrays.fill(holes, NO_HOLE);
  }
}
