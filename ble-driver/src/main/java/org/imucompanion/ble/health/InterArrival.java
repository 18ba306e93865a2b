package org.imucompanion.ble.health;

import java.time.Duration;
import java.util.Objects;

/**
 * How regularly notifications arrived: percentiles of the time between consecutive notifications
 * and of the jitter, the distance of each such interval from the nominal packet period.
 *
 * <p>Percentiles use the nearest-rank definition: the p-th percentile is the smallest interval that
 * at least p % of the intervals do not exceed.
 *
 * @param intervals how many intervals the figures describe
 * @param p50 median time between notifications
 * @param p99 99th percentile of the time between notifications
 * @param jitterP50 median of |interval - nominal period|
 * @param jitterP99 99th percentile of |interval - nominal period|
 */
public record InterArrival(
    long intervals, Duration p50, Duration p99, Duration jitterP50, Duration jitterP99) {

  /**
   * Validates the parts.
   *
   * @param intervals see {@link #intervals()}
   * @param p50 see {@link #p50()}
   * @param p99 see {@link #p99()}
   * @param jitterP50 see {@link #jitterP50()}
   * @param jitterP99 see {@link #jitterP99()}
   */
  public InterArrival {
    if (intervals < 1) {
      throw new IllegalArgumentException("intervals must be >= 1: " + intervals);
    }
    Objects.requireNonNull(p50, "p50");
    Objects.requireNonNull(p99, "p99");
    Objects.requireNonNull(jitterP50, "jitterP50");
    Objects.requireNonNull(jitterP99, "jitterP99");
  }
}
