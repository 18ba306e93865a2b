package org.imucompanion.app.ui.inspector;

import java.util.Arrays;
import org.imucompanion.ble.health.HealthWindow;
import org.imucompanion.ble.health.StreamHealthSnapshot;

/**
 * Stream health over time for the Inspector's charts: packet rate against the nominal rate, lost
 * packets and inter-arrival jitter, one point per {@link #STEP_NANOS} (the live window's own
 * figures, so each point says how the last seconds went). Keeps the last {@link #CAPACITY}
 * points; older ones scroll out. Not thread-safe: the Inspector's view model feeds and reads it
 * on the FX thread, once per frame.
 */
public final class HealthTrend {
  /** One point per half second is as fine as the live window's figures change. */
  public static final long STEP_NANOS = 500_000_000L;

  /** Five minutes of points. */
  public static final int CAPACITY = 600;

  private final double[] seconds = new double[CAPACITY];
  private final double[] packetRate = new double[CAPACITY];
  private final double[] nominalRate = new double[CAPACITY];
  private final double[] lostPercent = new double[CAPACITY];
  private final double[] jitterMillis = new double[CAPACITY];
  private int size;
  private long originNanos = Long.MIN_VALUE;
  private long lastNanos = Long.MIN_VALUE;
  private long version;

  /**
   * Adds a point from a snapshot if at least {@link #STEP_NANOS} passed since the last one.
   *
   * @param snapshot the stream's health now
   * @return true if a point was added
   */
  public boolean offer(StreamHealthSnapshot snapshot) {
    long now = snapshot.takenAtNanos();
    if (lastNanos != Long.MIN_VALUE && now - lastNanos < STEP_NANOS) {
      return false;
    }
    if (originNanos == Long.MIN_VALUE) {
      originNanos = now;
    }
    lastNanos = now;
    if (size == CAPACITY) {
      shiftLeft();
    }
    HealthWindow live = snapshot.live();
    seconds[size] = (now - originNanos) / 1e9;
    packetRate[size] = live.packetsPerSecond();
    nominalRate[size] = snapshot.nominal().packetsPerSecond();
    lostPercent[size] = live.lostPercent();
    jitterMillis[size] =
        live.interArrival().map(a -> a.jitterP99().toNanos() / 1e6).orElse(Double.NaN);
    size++;
    version++;
    return true;
  }

  /** Forgets every point (another device was chosen). */
  public void clear() {
    size = 0;
    originNanos = Long.MIN_VALUE;
    lastNanos = Long.MIN_VALUE;
    version++;
  }

  /**
   * Changes whenever points are added or cleared, so a chart redraws only then.
   *
   * @return a counter
   */
  public long version() {
    return version;
  }

  /**
   * How many points there are.
   *
   * @return the count
   */
  public int size() {
    return size;
  }

  /**
   * Seconds since the first point.
   *
   * @return a copy, one per point
   */
  public double[] seconds() {
    return Arrays.copyOf(seconds, size);
  }

  /**
   * Decoded packets per second over the live window.
   *
   * @return a copy, one per point
   */
  public double[] packetRate() {
    return Arrays.copyOf(packetRate, size);
  }

  /**
   * What the device should send, packets per second.
   *
   * @return a copy, one per point
   */
  public double[] nominalRate() {
    return Arrays.copyOf(nominalRate, size);
  }

  /**
   * Lost packets as a percentage of those sent, over the live window.
   *
   * @return a copy, one per point
   */
  public double[] lostPercent() {
    return Arrays.copyOf(lostPercent, size);
  }

  /**
   * 99th percentile of the inter-arrival jitter in ms; NaN before two intervals were seen.
   *
   * @return a copy, one per point
   */
  public double[] jitterMillis() {
    return Arrays.copyOf(jitterMillis, size);
  }

  private void shiftLeft() {
    for (double[] a : new double[][] {seconds, packetRate, nominalRate, lostPercent, jitterMillis}) {
      System.arraycopy(a, 1, a, 0, CAPACITY - 1);
    }
    size--;
  }
}
