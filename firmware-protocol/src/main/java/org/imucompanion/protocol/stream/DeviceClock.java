package org.imucompanion.protocol.stream;

/**
 * Turns a device's wrapping 32-bit microsecond timestamps (PROTOCOL.md §2.4; they wrap every 71.6
 * minutes) into a monotonic 64-bit microsecond clock that starts at the first timestamp seen.
 *
 * <p>A timestamp is taken as forward from the latest one when it is less than half the counter's
 * range ahead of it; otherwise it is an earlier timestamp (a late packet) and is placed before the
 * latest one without moving the clock. One instance per device stream; not thread-safe.
 */
public final class DeviceClock {
  private static final long RANGE = 1L << 32;
  private static final long MASK = RANGE - 1;

  private boolean started;
  private long latestRaw;
  private long latestExtended;

  /**
   * Extends one raw timestamp.
   *
   * @param rawMicros the device's timestamp, 0..2³²-1
   * @return the timestamp on the monotonic clock, in µs
   */
  public long extend(long rawMicros) {
    if (rawMicros < 0 || rawMicros > MASK) {
      throw new IllegalArgumentException("raw timestamp must be 0..2^32-1: " + rawMicros);
    }
    if (!started) {
      started = true;
      latestRaw = rawMicros;
      latestExtended = rawMicros;
      return rawMicros;
    }
    long forward = (rawMicros - latestRaw) & MASK;
    if (forward < RANGE / 2) {
      latestRaw = rawMicros;
      latestExtended += forward;
      return latestExtended;
    }
    return latestExtended - (RANGE - forward);
  }

  /** Forgets the clock's position; the next timestamp starts it again. */
  public void reset() {
    started = false;
  }
}
