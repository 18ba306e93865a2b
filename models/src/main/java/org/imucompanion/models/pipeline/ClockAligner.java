package org.imucompanion.models.pipeline;

/**
 * Maps a device's sample clock (microseconds, already unwrapped to a monotonic long by
 * firmware-protocol's {@code DeviceClock}) onto host time.
 *
 * <p>Every notification arrives after its samples were taken, by a delay that varies (radio
 * intervals, BlueZ, D-Bus, scheduling) but is never negative. So the smallest {@code host -
 * device} difference seen is the best estimate of the clocks' offset; a value that large delays
 * can only inflate. Crystals drift (tens of ppm), so the minimum is allowed to rise slowly, by
 * {@code maxDriftPpm}, which lets the offset follow a slower device clock without letting one
 * late packet pull it up. The aligned time is then {@code device + offset}: device timing (with
 * its low jitter) on the host's time axis.
 */
public final class ClockAligner {
  private final double maxDrift;
  private boolean started;
  private double offsetSeconds;
  private double lastDeviceSeconds;
  private double lastAligned;

  /**
   * An aligner.
   *
   * @param maxDriftPpm how fast (parts per million) the offset may grow; 500 covers cheap
   *     crystals
   */
  public ClockAligner(double maxDriftPpm) {
    if (!(maxDriftPpm >= 0)) {
      throw new IllegalArgumentException("drift must be >= 0");
    }
    this.maxDrift = maxDriftPpm * 1e-6;
    reset();
  }

  /**
   * Aligns one sample.
   *
   * @param deviceMicros device time stamp of the sample, unwrapped
   * @param hostNanos host {@code System.nanoTime()} when its notification arrived
   * @return the sample's time on the host clock, seconds; strictly increasing as long as the
   *     device time stamps are
   */
  public double step(long deviceMicros, long hostNanos) {
    double device = deviceMicros * 1e-6;
    double host = hostNanos * 1e-9;
    double observed = host - device;
    if (!started || device < lastDeviceSeconds) {
      // First sample, or the device restarted its clock: start over.
      started = true;
      offsetSeconds = observed;
    } else {
      double allowed = offsetSeconds + maxDrift * (device - lastDeviceSeconds);
      offsetSeconds = Math.min(allowed, observed);
    }
    lastDeviceSeconds = device;
    double aligned = device + offsetSeconds;
    // The offset can step down when a fast packet arrives; never let time run backwards.
    if (aligned <= lastAligned) {
      aligned = Math.nextUp(lastAligned);
    }
    lastAligned = aligned;
    return aligned;
  }

  /**
   * The current offset estimate, {@code host - device}, seconds.
   *
   * @return the offset
   */
  public double offsetSeconds() {
    return offsetSeconds;
  }

  /** Forgets the offset (after a reconnect). */
  public void reset() {
    started = false;
    lastAligned = Double.NEGATIVE_INFINITY;
  }
}
