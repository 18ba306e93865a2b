package org.imucompanion.models.store;

import org.imucompanion.protocol.stream.DeviceClock;

/**
 * Turns one device's 32-bit microsecond clock, which wraps every 2^32 µs (71.6 minutes), into a
 * 64-bit count that keeps increasing across wraps. The store keeps device time as 64-bit
 * (unwrapped) values; live feeds that only have the device's 32 bits, and sessions stored before
 * the store unwrapped them, go through this.
 *
 * <p>The rule: a step back of more than half the 32-bit range between two 32-bit readings is a
 * wrap (the clock went past 2^32 and restarted), not a glitch; a smaller step back is a glitch
 * (a duplicate or a late sample after a reconnect) and is returned as a step back, for the caller
 * to skip. A reading outside {@code [0, 2^32)} is already 64-bit and is returned as it is; so is
 * everything after it, as such a clock does not wrap at 32 bits.
 *
 * <p>The 32-bit rule itself is the protocol's {@link DeviceClock}, which the live clock model uses
 * too, so the store and the feeds agree on what a wrap is. Not thread-safe: one instance per
 * stream, fed in arrival order by one thread.
 */
public final class WrappingDeviceClock {
  /** The 32-bit clock's range: it counts {@code 0 .. 2^32 - 1} and restarts at 0. */
  public static final long RANGE = 1L << 32;

  private final DeviceClock clock = new DeviceClock();
  private boolean wide;

  /** Creates an unwrapper that has seen no reading yet. */
  public WrappingDeviceClock() {}

  /**
   * Unwraps the next reading of the device clock.
   *
   * @param deviceMicros the device's time: 32-bit (possibly wrapped) or already 64-bit
   * @return the 64-bit device time
   */
  public long unwrap(long deviceMicros) {
    if (wide || deviceMicros < 0 || deviceMicros >= RANGE) {
      wide = true;
      return deviceMicros;
    }
    return clock.extend(deviceMicros);
  }
}
