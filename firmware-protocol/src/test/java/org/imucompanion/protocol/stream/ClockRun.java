package org.imucompanion.protocol.stream;

import java.util.Arrays;
import java.util.List;

/**
 * Feeds a simulated run through a {@link SampleClock} and keeps, per delivered sample, its stamp,
 * its true time and its notification's arrival, for the tests and the alignment measurement.
 */
final class ClockRun {

  /** Which of the clock's feeds a run uses. */
  enum Feed {
    COUNTED,
    INDEXED,
    DEVICE_TIME
  }

  final long[] stamps;
  final double[] trueTimes;
  final long[] arrivals;
  final int[] samplesInNotification;
  final int size;

  private ClockRun(int capacity) {
    stamps = new long[capacity];
    trueTimes = new double[capacity];
    arrivals = new long[capacity];
    samplesInNotification = new int[capacity];
    size = capacity;
  }

  /**
   * A stamping rule without state, for comparison: the time of sample {@code i} of a notification.
   */
  interface Rule {
    long stamp(SimulatedBleLink.Arrival arrival, int i);
  }

  static ClockRun feed(List<SimulatedBleLink.Arrival> arrivals, Rule rule) {
    int total = arrivals.stream().mapToInt(SimulatedBleLink.Arrival::samples).sum();
    ClockRun run = new ClockRun(total);
    int at = 0;
    for (SimulatedBleLink.Arrival a : arrivals) {
      for (int i = 0; i < a.samples(); i++) {
        run.stamps[at] = rule.stamp(a, i);
        run.trueTimes[at] = a.trueTime(i);
        run.arrivals[at] = a.arrivalNanos();
        run.samplesInNotification[at] = a.samples();
        at++;
      }
    }
    return run;
  }

  static ClockRun feed(SampleClock clock, Feed feed, List<SimulatedBleLink.Arrival> arrivals) {
    int total = arrivals.stream().mapToInt(SimulatedBleLink.Arrival::samples).sum();
    ClockRun run = new ClockRun(total);
    long[] out = new long[64];
    int at = 0;
    for (SimulatedBleLink.Arrival a : arrivals) {
      switch (feed) {
        case COUNTED -> clock.stamp(a.arrivalNanos(), a.samples(), out);
        case INDEXED -> clock.stampFrom(a.arrivalNanos(), a.firstIndex(), a.samples(), out);
        case DEVICE_TIME ->
            clock.stampWithDeviceTime(a.arrivalNanos(), a.deviceMicros(), a.samples(), out);
      }
      for (int i = 0; i < a.samples(); i++) {
        run.stamps[at] = out[i];
        run.trueTimes[at] = a.trueTime(i);
        run.arrivals[at] = a.arrivalNanos();
        run.samplesInNotification[at] = a.samples();
        at++;
      }
    }
    return run;
  }

  /**
   * The error of each stamp against the true time plus the link's fixed latency, from the first
   * sample whose true time is at least {@code settleNanos} after the run's first.
   */
  double[] errorsAfter(double settleNanos, double latencyNanos) {
    double start = trueTimes[0] + settleNanos;
    double[] e = new double[size];
    int n = 0;
    for (int i = 0; i < size; i++) {
      if (trueTimes[i] >= start) {
        e[n++] = stamps[i] - trueTimes[i] - latencyNanos;
      }
    }
    return Arrays.copyOf(e, n);
  }

  /**
   * The stamp error (stamp - true time) at true time {@code t}, linearly interpolated between the
   * two delivered samples around it; NaN outside the run or across a gap of more than {@code
   * maxGapNanos}.
   */
  double errorAt(double t, double maxGapNanos, int[] cursor) {
    int i = cursor[0];
    while (i + 1 < size && trueTimes[i + 1] < t) {
      i++;
    }
    cursor[0] = i;
    if (i + 1 >= size || trueTimes[i] > t || trueTimes[i + 1] - trueTimes[i] > maxGapNanos) {
      return Double.NaN;
    }
    double f = (t - trueTimes[i]) / (trueTimes[i + 1] - trueTimes[i]);
    double e0 = stamps[i] - trueTimes[i];
    double e1 = stamps[i + 1] - trueTimes[i + 1];
    return e0 + f * (e1 - e0);
  }

  /** The q-quantile (0..1) of the absolute values, by sorting a copy. */
  static double quantileOfAbs(double[] values, double q) {
    double[] a = new double[values.length];
    for (int i = 0; i < a.length; i++) {
      a[i] = Math.abs(values[i]);
    }
    Arrays.sort(a);
    if (a.length == 0) {
      return Double.NaN;
    }
    int k = (int) Math.min(a.length - 1, Math.max(0, Math.ceil(q * a.length) - 1));
    return a[k];
  }
}
