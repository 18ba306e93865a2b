package org.imucompanion.protocol.stream;

import java.util.List;

/**
 * Measures how well two devices recorded together share one timeline (docs/CLOCKS.md): two
 * simulated devices with a known clock offset and opposite drifts send over their own simulated BLE
 * links (connection intervals 7.5-30 ms, missed events and bursts of up to 8 notifications, host
 * jitter); each stream is stamped by its own {@link SampleClock}, and at every 10 ms of true time
 * the difference of the two streams' stamp errors (interpolated) is the alignment error. Also runs
 * the feeds' stamping rules from before SampleClock on the same arrivals, for comparison. A main,
 * not a test: it prints figures and asserts nothing.
 *
 * <p>Run (it needs nothing but the JDK and this module's classes): {@code mvn -B -q -pl
 * firmware-protocol -DskipTests verify && java -cp
 * firmware-protocol/target/classes:firmware-protocol/target/test-classes
 * org.imucompanion.protocol.stream.ClockAlignmentMeasurement 10}
 */
public final class ClockAlignmentMeasurement {

  private static final double SETTLE_NANOS = 10e9;
  private static final double GRID_NANOS = 10e6;

  /** A stream of one device: how it is sampled and batched, and which feed its clock gets. */
  private record Stream(String name, double rateHz, int perNotification, ClockRun.Feed feed) {}

  private static final Stream V1_247 =
      new Stream("v1 200 Hz ×13", 200, 13, ClockRun.Feed.DEVICE_TIME);
  private static final Stream V1_23 = new Stream("v1 50 Hz ×1", 50, 1, ClockRun.Feed.DEVICE_TIME);
  private static final Stream MYO_EMG =
      new Stream("Myo EMG 200 Hz ×2", 200, 2, ClockRun.Feed.INDEXED);
  private static final Stream MYO_IMU =
      new Stream("Myo IMU 50 Hz ×1", 50, 1, ClockRun.Feed.COUNTED);

  private ClockAlignmentMeasurement() {}

  /**
   * Prints the figures.
   *
   * @param args {@code [minutes]}, simulated length of each run (default 10)
   */
  public static void main(String[] args) {
    double minutes = args.length > 0 ? Double.parseDouble(args[0]) : 10;
    System.out.printf(
        "Two devices, clock offset 37 ms, drift +100 / -50 ppm, %.0f min each (A's clock crosses"
            + " its 32-bit wrap), first %.0f s skipped. Alignment: |error of A - error of B| in ms,"
            + " median / p99 / max. Per stream: p99 |stamp - (true time + fixed latency)|, ms."
            + " Quantum: gcd(notification period, interval), ms.%n",
        minutes, SETTLE_NANOS / 1e9);
    Stream[][] pairs = {{V1_247, V1_247}, {V1_23, V1_23}, {MYO_EMG, V1_247}, {MYO_EMG, MYO_EMG}};
    double[][] intervals = {{7.5, 30}, {11.25, 15}, {7.5, 7.5}, {15, 30}, {20, 20}};
    header("Tail jitter ≤ 15 ms, 1% of notifications lost");
    for (Stream[] pair : pairs) {
      for (double[] ci : intervals) {
        row(pair[0], pair[1], ci[0], ci[1], SimulatedBleLink.Jitter.TAIL, 15, 0.01, minutes);
      }
    }
    header("Uniform jitter ≤ 10 ms (every notification as likely to wait 10 ms as none), 1% lost");
    for (Stream[] pair : pairs) {
      for (double[] ci : new double[][] {{7.5, 30}, {11.25, 15}}) {
        row(pair[0], pair[1], ci[0], ci[1], SimulatedBleLink.Jitter.UNIFORM, 10, 0.01, minutes);
      }
    }
    header("A counted stream (no index, no device time), tail jitter ≤ 15 ms, by loss");
    for (double loss : new double[] {0, 0.001, 0.01}) {
      for (double[] ci : new double[][] {{7.5, 30}, {11.25, 15}, {20, 20}}) {
        row(MYO_IMU, V1_23, ci[0], ci[1], SimulatedBleLink.Jitter.TAIL, 15, loss, minutes);
      }
    }
  }

  private static void header(String title) {
    System.out.printf("%n%s%n%n", title);
    System.out.println(
        "| A | B | intervals A / B | quantum A / B | loss | alignment | per stream A / B | feeds'"
            + " rules before: alignment | rules before: backwards steps A / B |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  }

  private static void row(
      Stream a,
      Stream b,
      double ciA,
      double ciB,
      SimulatedBleLink.Jitter jitter,
      double jitterMs,
      double loss,
      double minutes) {
    double start = 1e12;
    // B starts sampling 37 ms after A, and its clock reads 37 ms more than A's would (and A's is
    // a minute from its 32-bit wrap).
    SimulatedBleLink.Settings sa =
        new SimulatedBleLink.Settings(
            a.rateHz(),
            a.perNotification(),
            100,
            start,
            0xFFFF_FFFFL - 60_000_000L,
            ciA * 1e6,
            0.2,
            8,
            jitterMs * 1e6,
            loss,
            jitter,
            1);
    SimulatedBleLink.Settings sb =
        new SimulatedBleLink.Settings(
            b.rateHz(),
            b.perNotification(),
            -50,
            start + 37e6,
            0xFFFF_FFFFL - 60_000_000L + 74_000,
            ciB * 1e6,
            0.2,
            8,
            jitterMs * 1e6,
            loss,
            jitter,
            2);
    List<SimulatedBleLink.Arrival> arrA = SimulatedBleLink.run(sa, notifications(a, minutes));
    List<SimulatedBleLink.Arrival> arrB = SimulatedBleLink.run(sb, notifications(b, minutes));
    ClockRun runA = ClockRun.feed(SampleClock.forNominalRate(a.rateHz()), a.feed(), arrA);
    ClockRun runB = ClockRun.feed(SampleClock.forNominalRate(b.rateHz()), b.feed(), arrB);
    ClockRun beforeA = before(a, arrA);
    ClockRun beforeB = before(b, arrB);
    System.out.printf(
        "| %s | %s | %s / %s ms | %s / %s | %s%% | %s | %.2f / %.2f | %s | %d / %d |%n",
        a.name(),
        b.name(),
        fmt(ciA),
        fmt(ciB),
        fmt(SimulatedBleLink.quantumNanos(sa) / 1e6),
        fmt(SimulatedBleLink.quantumNanos(sb) / 1e6),
        fmt(loss * 100),
        figures(alignment(runA, runB, start)),
        p99(runA),
        p99(runB),
        figures(alignment(beforeA, beforeB, start)),
        backwards(beforeA),
        backwards(beforeB));
  }

  private static String fmt(double ms) {
    return ms == Math.rint(ms) ? String.valueOf((long) ms) : String.valueOf(ms);
  }

  private static int notifications(Stream s, double minutes) {
    return (int) (minutes * 60 * s.rateHz() / s.perNotification());
  }

  private static double p99(ClockRun run) {
    return ClockRun.quantileOfAbs(
            run.errorsAfter(SETTLE_NANOS, SimulatedBleLink.LATENCY_NANOS), 0.99)
        / 1e6;
  }

  private static double[] alignment(ClockRun a, ClockRun b, double start) {
    double end = Math.min(a.trueTimes[a.size - 1], b.trueTimes[b.size - 1]);
    int n = (int) ((end - start - SETTLE_NANOS) / GRID_NANOS);
    double[] out = new double[Math.max(0, n)];
    int[] ca = {0};
    int[] cb = {0};
    int k = 0;
    for (int i = 0; i < n; i++) {
      double t = start + SETTLE_NANOS + i * GRID_NANOS;
      double ea = a.errorAt(t, 0.5e9, ca);
      double eb = b.errorAt(t, 0.5e9, cb);
      if (!Double.isNaN(ea) && !Double.isNaN(eb)) {
        out[k++] = ea - eb;
      }
    }
    return java.util.Arrays.copyOf(out, k);
  }

  private static String figures(double[] align) {
    return String.format(
        "%.2f / %.2f / %.2f",
        ClockRun.quantileOfAbs(align, 0.5) / 1e6,
        ClockRun.quantileOfAbs(align, 0.99) / 1e6,
        ClockRun.quantileOfAbs(align, 1) / 1e6);
  }

  private static long backwards(ClockRun run) {
    long n = 0;
    for (int i = 1; i < run.size; i++) {
      if (run.stamps[i] <= run.stamps[i - 1]) {
        n++;
      }
    }
    return n;
  }

  /**
   * The feeds' rules before SampleClock (app/.../workspace): v1 batches spread back from arrival at
   * the nominal period (WristbandFeed.SampleAppender), the first of a Myo EMG pair 5 ms before
   * arrival (MyoFeed.Appender.onEmg), counted streams at arrival.
   */
  private static ClockRun before(Stream s, List<SimulatedBleLink.Arrival> arrivals) {
    long period = (long) (1e9 / s.rateHz());
    return ClockRun.feed(
        arrivals,
        (arrival, i) -> {
          if (s.feed() == ClockRun.Feed.INDEXED) {
            return arrival.arrivalNanos() - (i == 0 ? period : 0);
          }
          return arrival.arrivalNanos() - (long) (arrival.samples() - 1 - i) * period;
        });
  }
}
