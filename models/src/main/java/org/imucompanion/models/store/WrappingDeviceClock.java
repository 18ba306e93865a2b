package org.imucompanion.models.store;

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
 * <p>Why not the protocol's {@code DeviceClock}: that one reads a forward step of more than half
 * the range as a late packet, which is right for a live stream arriving packet by packet; stored
 * samples are in host-time order, and a long forward step between two of them is an outage the
 * device clock ran through, so here every step forward is taken as forward.
 *
 * <p>Not thread-safe: one instance per stream, fed in arrival order by one thread.
 */
public final class WrappingDeviceClock {
  /** The 32-bit clock's range: it counts {@code 0 .. 2^32 - 1} and restarts at 0. */
  public static final long RANGE = 1L << 32;

  private long epoch;
  private long lastRaw = -1;
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
    if (lastRaw >= 0 && lastRaw - deviceMicros > RANGE / 2) {
      epoch += RANGE;
    }
    lastRaw = deviceMicros;
    return epoch + deviceMicros;
  }
}
