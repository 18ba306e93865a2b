package org.imucompanion.ble.supervise;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential backoff between reconnect attempts.
 *
 * @param initialDelay wait before the first attempt after a loss
 * @param maxDelay the longest wait between attempts
 * @param multiplier how much the wait grows per failed attempt (at least 1)
 * @param maxAttempts attempts before giving up; 0 means never give up
 */
public record ReconnectPolicy(
    Duration initialDelay, Duration maxDelay, double multiplier, int maxAttempts) {

  /** 250 ms, doubling up to 10 s, forever: a wearable walks out of range and back. */
  public static final ReconnectPolicy DEFAULT =
      new ReconnectPolicy(Duration.ofMillis(250), Duration.ofSeconds(10), 2.0, 0);

  /** Validates. */
  public ReconnectPolicy {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay");
    }
    if (!(multiplier >= 1.0)) {
      throw new IllegalArgumentException("multiplier must be >= 1: " + multiplier);
    }
    if (maxAttempts < 0) {
      throw new IllegalArgumentException("maxAttempts must be >= 0: " + maxAttempts);
    }
  }

  /**
   * Returns the wait before an attempt.
   *
   * @param attempt 1 for the first attempt after a loss
   * @return the delay, growing by the multiplier and capped at {@link #maxDelay()}
   */
  public Duration delayBefore(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempts count from 1: " + attempt);
    }
    double nanos = initialDelay.toNanos() * Math.pow(multiplier, attempt - 1);
    return nanos >= maxDelay.toNanos() ? maxDelay : Duration.ofNanos((long) nanos);
  }

  /**
   * Tells whether another attempt is allowed.
   *
   * @param attemptsMade attempts already made since the loss
   * @return false once {@link #maxAttempts()} is reached (never for 0)
   */
  public boolean allows(int attemptsMade) {
    return maxAttempts == 0 || attemptsMade < maxAttempts;
  }
}
