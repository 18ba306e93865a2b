package org.imucompanion.ble.health;

import java.util.Arrays;

/**
 * Counts non-negative durations in logarithmic buckets split linearly (the layout HdrHistogram
 * uses), so percentiles over an unbounded stream cost a fixed array and no allocation.
 *
 * <p>Values below 128 are exact; above, a bucket is 1/64 of its power of two wide and reports its
 * midpoint, so a percentile is within 1/128 (0.8 %) of the true value.
 */
final class IntervalHistogram {

  private static final int SUB_BITS = 7;
  private static final int HALF = 1 << (SUB_BITS - 1);
  private static final int EXACT = 1 << SUB_BITS;

  private final long[] counts = new long[index(Long.MAX_VALUE) + 1];
  private long total;

  /** Adds one value; negative values count as zero (a host clock never runs backwards here). */
  void add(long value) {
    counts[index(Math.max(0, value))]++;
    total++;
  }

  /** Returns how many values were added. */
  long count() {
    return total;
  }

  /** Forgets every value. */
  void clear() {
    Arrays.fill(counts, 0);
    total = 0;
  }

  /**
   * Returns the nearest-rank percentile: the representative value of the bucket holding the
   * smallest value that at least {@code percent} % of the values do not exceed.
   */
  long percentile(double percent) {
    if (total == 0) {
      throw new IllegalStateException("no values");
    }
    long rank = Math.max(1, (long) Math.ceil(percent / 100.0 * total));
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return representative(i);
      }
    }
    return representative(counts.length - 1);
  }

  static int index(long v) {
    if (v < EXACT) {
      return (int) v;
    }
    int msb = 63 - Long.numberOfLeadingZeros(v);
    int shift = msb - SUB_BITS + 1;
    int sub = (int) (v >>> shift);
    return shift * HALF + sub;
  }

  static long representative(int index) {
    if (index < EXACT) {
      return index;
    }
    int shift = index / HALF - 1;
    long sub = index - (long) shift * HALF;
    return (sub << shift) + (1L << (shift - 1));
  }
}
