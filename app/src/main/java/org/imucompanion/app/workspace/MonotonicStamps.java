package org.imucompanion.app.workspace;

/**
 * Keeps one stream's sample times strictly increasing: a time at or before the previous one is
 * moved to just after it. Arrival times of BLE notifications come in bursts (several per
 * connection event), so times spread back from arrival can overlap the previous notification's.
 * Not thread-safe: one per stream, used on its delivery thread.
 */
final class MonotonicStamps {
  private long previous = Long.MIN_VALUE;

  /**
   * Returns the sample's time, never at or before the previous one.
   *
   * @param estimateNanos the estimated time
   * @return the estimate, or the previous time plus 1 ns
   */
  long next(long estimateNanos) {
    long t = estimateNanos > previous ? estimateNanos : previous + 1;
    previous = t;
    return t;
  }
}
