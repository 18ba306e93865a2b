package org.imucompanion.ble.supervise;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.imucompanion.ble.BleException;

/**
 * An outage of one device's stream: from the moment the link was seen lost to the moment the
 * stream was running again. Samples in between never arrived; downstream marks them as a gap
 * rather than interpolating across.
 *
 * @param deviceAddress the device
 * @param lostAtNanos {@link System#nanoTime()} when the loss was seen
 * @param resumedAtNanos {@link System#nanoTime()} when the profile was running again
 * @param attempts connection attempts it took
 * @param cause what the stack said about the loss, if anything
 */
public record StreamGap(
    String deviceAddress,
    long lostAtNanos,
    long resumedAtNanos,
    int attempts,
    Optional<BleException> cause) {

  /** Validates. */
  public StreamGap {
    Objects.requireNonNull(deviceAddress, "deviceAddress");
    Objects.requireNonNull(cause, "cause");
    if (resumedAtNanos < lostAtNanos) {
      throw new IllegalArgumentException("a gap cannot end before it starts");
    }
  }

  /**
   * Returns how long the stream was down.
   *
   * @return the outage's length
   */
  public Duration duration() {
    return Duration.ofNanos(resumedAtNanos - lostAtNanos);
  }
}
