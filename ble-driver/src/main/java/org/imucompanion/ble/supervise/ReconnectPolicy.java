package org.imucompanion.ble.supervise;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.imucompanion.ble.BleException;

/**
 * Capped exponential backoff with jitter between reconnect attempts, and which failures are worth
 * retrying at all.
 *
 * <p>Jitter spreads the attempts of many devices that lost their link together (a coach's squad
 * walking out of range) so they do not all hit BlueZ in the same instant: each wait is drawn
 * uniformly from {@code [(1 - jitter) × d, d]} where {@code d} is the capped exponential delay.
 *
 * <p>Permanent failures end supervision at once: the device is gone ({@link
 * BleException.Reason#NOT_FOUND}), the stack refused it ({@link BleException.Reason#REFUSED}), it
 * is not a device we can stream ({@link BleException.Reason#NOT_SUPPORTED}), the adapter is off or
 * BlueZ is missing ({@link BleException.Reason#UNAVAILABLE}), or the transport was closed. Every
 * other failure (a connect abort, a timeout, a link lost during start-up) is transient.
 *
 * @param initialDelay wait before the first attempt after a loss
 * @param maxDelay the longest wait between attempts
 * @param multiplier how much the wait grows per failed attempt (at least 1)
 * @param maxAttempts attempts before giving up; 0 means never give up
 * @param jitter the share of each wait that is random, 0 (none) to 1
 */
public record ReconnectPolicy(
    Duration initialDelay, Duration maxDelay, double multiplier, int maxAttempts, double jitter) {

  /** 250 ms, doubling up to 10 s, 20 % jitter, forever: a wearable walks out of range and back. */
  public static final ReconnectPolicy DEFAULT =
      new ReconnectPolicy(Duration.ofMillis(250), Duration.ofSeconds(10), 2.0, 0, 0.2);

  private static final Set<BleException.Reason> PERMANENT =
      EnumSet.of(
          BleException.Reason.NOT_FOUND,
          BleException.Reason.REFUSED,
          BleException.Reason.NOT_SUPPORTED,
          BleException.Reason.UNAVAILABLE,
          BleException.Reason.CLOSED);

  /**
   * A policy without jitter.
   *
   * @param initialDelay wait before the first attempt after a loss
   * @param maxDelay the longest wait between attempts
   * @param multiplier how much the wait grows per failed attempt (at least 1)
   * @param maxAttempts attempts before giving up; 0 means never give up
   */
  public ReconnectPolicy(
      Duration initialDelay, Duration maxDelay, double multiplier, int maxAttempts) {
    this(initialDelay, maxDelay, multiplier, maxAttempts, 0);
  }

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
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter must be 0..1: " + jitter);
    }
  }

  /**
   * Returns the wait before an attempt with this policy's jitter applied.
   *
   * @param attempt 1 for the first attempt after a loss
   * @return a random wait in {@code [(1 - jitter) × d, d]}, {@code d} = {@link #delayBefore}
   */
  public Duration jitteredDelayBefore(int attempt) {
    long d = delayBefore(attempt).toNanos();
    if (jitter == 0 || d == 0) {
      return Duration.ofNanos(d);
    }
    double share = 1 - jitter * ThreadLocalRandom.current().nextDouble();
    return Duration.ofNanos((long) (d * share));
  }

  /**
   * Tells whether retrying after a failure cannot help.
   *
   * @param failure what the attempt failed with
   * @return true for the permanent reasons listed in the class comment
   */
  public boolean isPermanent(BleException failure) {
    return PERMANENT.contains(failure.reason());
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
