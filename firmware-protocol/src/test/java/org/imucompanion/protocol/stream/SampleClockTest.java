package org.imucompanion.protocol.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SampleClockTest {

  private static final double START = 1e12;

  // ---- the first notification, and the shape of the API

  @Test
  void theFirstNotificationEndsAtItsArrivalAndSpreadsBackAtTheNominalPeriod() {
    SampleClock clock = SampleClock.forNominalRate(200);
    long[] out = new long[4];
    clock.stamp(1_000_000_000L, 3, out);
    assertThat(out).containsExactly(990_000_000L, 995_000_000L, 1_000_000_000L, 0L);
    assertThat(clock.periodNanos()).isEqualTo(5_000_000.0);
    assertThat(clock.minStepNanos()).isEqualTo(50_000L);
    assertThat(clock.nominalRateHz()).isEqualTo(200.0);
  }

  @Test
  void aNotificationArrivingEarlierThanTheLinePullsItDownAtOnce() {
    SampleClock clock = SampleClock.forNominalRate(100);
    long[] out = new long[2];
    // Arrived 30 ms late: anchored there. The next one, 20 ms later in samples, only 5 ms later.
    clock.stamp(1_030_000_000L, 2, out);
    assertThat(out).containsExactly(1_020_000_000L, 1_030_000_000L);
    clock.stamp(1_035_000_000L, 2, out);
    assertThat(out).containsExactly(1_030_100_000L, 1_035_000_000L);
    assertThat(clock.forcedSteps()).isEqualTo(1);
    // A late one (40 ms after its predecessor by samples) keeps the line: stamped by it.
    clock.stamp(1_080_000_000L, 2, out);
    assertThat(out).containsExactly(1_045_000_000L, 1_055_000_000L);
  }

  @Test
  void perSampleStampingGivesExactlyWhatTheBatchGives() {
    List<SimulatedBleLink.Arrival> arrivals =
        SimulatedBleLink.run(link(200, 2, 80, 11.25, 0.2, 10, 0, 5), 3_000);
    SampleClock batch = SampleClock.forNominalRate(200);
    SampleClock single = SampleClock.forNominalRate(200);
    SampleClock indexedBatch = SampleClock.forNominalRate(200);
    SampleClock indexedSingle = SampleClock.forNominalRate(200);
    long[] out = new long[2];
    long[] indexedOut = new long[2];
    for (SimulatedBleLink.Arrival a : arrivals) {
      batch.stamp(a.arrivalNanos(), 2, out);
      indexedBatch.stampFrom(a.arrivalNanos(), a.firstIndex(), 2, indexedOut);
      for (int i = 0; i < 2; i++) {
        assertThat(single.stamp(a.arrivalNanos(), 2, i)).isEqualTo(out[i]);
        assertThat(indexedSingle.stampSample(a.arrivalNanos(), a.firstIndex() + i, 2))
            .isEqualTo(indexedOut[i]);
      }
    }
    assertThat(single.driftPpm()).isEqualTo(batch.driftPpm());
    assertThat(indexedSingle.driftPpm()).isEqualTo(indexedBatch.driftPpm());
  }

  @Property(tries = 40)
  void clocksShareNoStateSoChunksInterleavedWithAnotherClockGiveWhatOnePassGives(
      @ForAll("links") SimulatedBleLink.Settings s) {
    // One clock fed the run in chunks of any size, with a second clock (another stream of the same
    // device) fed between the chunks, gives what one pass gives.
    List<SimulatedBleLink.Arrival> arrivals = SimulatedBleLink.run(s, 1_500);
    ClockRun onePass =
        ClockRun.feed(SampleClock.forNominalRate(s.rateHz()), ClockRun.Feed.DEVICE_TIME, arrivals);
    SampleClock chunked = SampleClock.forNominalRate(s.rateHz());
    SampleClock other = SampleClock.forNominalRate(s.rateHz());
    List<Long> stamps = new ArrayList<>();
    long[] out = new long[s.samplesPerNotification()];
    long[] scratch = new long[s.samplesPerNotification()];
    int chunk = 1 + (int) (s.seed() & 63);
    for (int from = 0; from < arrivals.size(); from += chunk) {
      for (SimulatedBleLink.Arrival a :
          arrivals.subList(from, Math.min(arrivals.size(), from + chunk))) {
        chunked.stampWithDeviceTime(a.arrivalNanos(), a.deviceMicros(), a.samples(), out);
        for (int i = 0; i < a.samples(); i++) {
          stamps.add(out[i]);
        }
      }
      for (SimulatedBleLink.Arrival a :
          arrivals.subList(from, Math.min(arrivals.size(), from + chunk))) {
        other.stamp(a.arrivalNanos(), a.samples(), scratch);
      }
    }
    assertThat(stamps).containsExactly(Arrays.stream(onePass.stamps).boxed().toArray(Long[]::new));
  }

  // ---- monotonic, never after arrival

  @Property(tries = 500)
  void stampsNeverGoBackwardsNorPassArrivalForAnyArrivalPattern(
      @ForAll @Size(min = 1, max = 400)
          List<@IntRange(min = 0, max = 3_000_000) Integer> gapsMicros,
      @ForAll @IntRange(min = 1, max = 31) int samples,
      @ForAll @DoubleRange(min = 0.5, max = 1000) double rateHz,
      @ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long deviceStart,
      @ForAll @IntRange(min = 0, max = 2) int feed) {
    SampleClock clock = SampleClock.forNominalRate(rateHz);
    long[] out = new long[samples];
    long arrival = 5_000_000_000L;
    long device = deviceStart;
    long last = Long.MIN_VALUE;
    long previousArrival = Long.MIN_VALUE;
    long index = 0;
    for (int g : gapsMicros) {
      arrival += g * 1_000L;
      // The device time and index move by anything near the gap: late, early, jumping.
      device = (device + (long) (g * ((g % 7) / 3.0))) & 0xFFFF_FFFFL;
      index += g % 5;
      switch (feed) {
        case 0 -> clock.stamp(arrival, samples, out);
        case 1 -> clock.stampFrom(arrival, index, samples, out);
        default -> clock.stampWithDeviceTime(arrival, device, samples, out);
      }
      boolean roomy =
          previousArrival == Long.MIN_VALUE
              || arrival - Math.max(last, previousArrival) >= samples * clock.minStepNanos();
      for (int i = 0; i < samples; i++) {
        if (last != Long.MIN_VALUE) {
          assertThat(out[i] - last).isGreaterThanOrEqualTo(clock.minStepNanos());
        }
        if (roomy) {
          assertThat(out[i]).isLessThanOrEqualTo(arrival);
        }
        last = out[i];
      }
      previousArrival = arrival;
    }
  }

  @Property(tries = 100)
  void stampsNeverGoBackwardsOnABurstyJitteryLossyLink(
      @ForAll("links") SimulatedBleLink.Settings s, @ForAll @IntRange(min = 0, max = 2) int feed) {
    List<SimulatedBleLink.Arrival> arrivals = SimulatedBleLink.run(s, 2_000);
    SampleClock clock = SampleClock.forNominalRate(s.rateHz());
    ClockRun run = ClockRun.feed(clock, ClockRun.Feed.values()[feed], arrivals);
    long step = clock.minStepNanos();
    int roomyNotifications = 0;
    for (int i = 0; i < run.size; i++) {
      if (i > 0) {
        assertThat(run.stamps[i] - run.stamps[i - 1]).isGreaterThanOrEqualTo(step);
      }
      // A notification's first sample: is there room for all its samples before its arrival?
      boolean first = i == 0 || run.arrivals[i] != run.arrivals[i - 1];
      if (first
          && (i == 0
              || run.arrivals[i] - run.stamps[i - 1] >= run.samplesInNotification[i] * step)) {
        roomyNotifications++;
        for (int k = i; k < i + run.samplesInNotification[i]; k++) {
          assertThat(run.stamps[k]).isLessThanOrEqualTo(run.arrivals[k]);
        }
      }
    }
    assertThat(roomyNotifications).isPositive();
  }

  // ---- error against the true sample time

  /**
   * With positions known (device time, or indices that mark lost samples), after 10 s, the p99
   * error against the true time plus the link's fixed latency stays within what the radio hides
   * (the greatest common divisor of notification period and connection interval, see the class
   * Javadoc, plus the airtime of the notifications sent before the earliest one in its connection
   * event) plus 1 ms, for bursts of up to 8 notifications, jitter with a tail up to 10 ms, drift
   * ±200 ppm and up to 5% lost notifications.
   */
  @Property(tries = 100)
  void errorAfterConvergenceIsWithinWhatTheRadioHidesPlusOneMillisecond(
      @ForAll("gridLinks") SimulatedBleLink.Settings s, @ForAll boolean deviceTime) {
    List<SimulatedBleLink.Arrival> arrivals = SimulatedBleLink.run(s, notificationsFor(s, 60));
    ClockRun run =
        ClockRun.feed(
            SampleClock.forNominalRate(s.rateHz()),
            deviceTime ? ClockRun.Feed.DEVICE_TIME : ClockRun.Feed.INDEXED,
            arrivals);
    double[] errors = run.errorsAfter(10e9, SimulatedBleLink.LATENCY_NANOS);
    double notification = s.samplesPerNotification() * 1e9 / s.rateHz();
    double ahead = Math.ceil(s.intervalNanos() / notification) - 1;
    double hidden = SimulatedBleLink.quantumNanos(s) + ahead * SimulatedBleLink.AIRTIME_NANOS;
    assertThat(ClockRun.quantileOfAbs(errors, 0.99)).isLessThanOrEqualTo(hidden + 1e6);
  }

  /**
   * The same where the radio hides least (1.25 ms: intervals of an odd number of 1.25 ms units,
   * 8.75, 11.25, 13.75 ... ms, for the real streams): the p99 error after 10 s is at most 3 ms,
   * the quantum plus the place in a connection event's train of notifications plus jitter. (2.5 ms
   * was the bound first; one random link of the property's reached 2.5004 ms in a CI run, so it
   * was a bound on the tries seen, not on what the link allows.)
   */
  @Property(tries = 100)
  void whereTheRadioHidesLeastTheP99ErrorIsAtMostThreeMilliseconds(
      @ForAll("smallQuantumLinks") SimulatedBleLink.Settings s, @ForAll boolean deviceTime) {
    List<SimulatedBleLink.Arrival> arrivals = SimulatedBleLink.run(s, notificationsFor(s, 60));
    ClockRun run =
        ClockRun.feed(
            SampleClock.forNominalRate(s.rateHz()),
            deviceTime ? ClockRun.Feed.DEVICE_TIME : ClockRun.Feed.INDEXED,
            arrivals);
    double[] errors = run.errorsAfter(10e9, SimulatedBleLink.LATENCY_NANOS);
    assertThat(ClockRun.quantileOfAbs(errors, 0.99)).isLessThanOrEqualTo(3e6);
  }

  @Test
  void onALinkWhoseIntervalHidesLittleTheErrorIsUnderOneMillisecond() {
    // Myo EMG (pairs at 200 Hz) on an 11.25 ms interval: the radio hides at most 1.25 ms.
    List<SimulatedBleLink.Arrival> arrivals =
        SimulatedBleLink.run(link(200, 2, -170, 11.25, 0.25, 10, 0.02, 3), 12_000);
    ClockRun run = ClockRun.feed(SampleClock.forNominalRate(200), ClockRun.Feed.INDEXED, arrivals);
    double[] errors = run.errorsAfter(10e9, SimulatedBleLink.LATENCY_NANOS);
    assertThat(ClockRun.quantileOfAbs(errors, 0.5)).isLessThan(0.6e6);
    assertThat(ClockRun.quantileOfAbs(errors, 0.99)).isLessThan(1.0e6);
  }

  @Test
  void theRateEstimateFindsTheCrystalsDrift() {
    List<SimulatedBleLink.Arrival> arrivals =
        SimulatedBleLink.run(link(200, 13, 150, 7.5, 0.2, 10, 0, 11), 9_000);
    SampleClock clock = SampleClock.forNominalRate(200);
    ClockRun.feed(clock, ClockRun.Feed.DEVICE_TIME, arrivals);
    // The device runs 150 ppm fast: its samples come 150 ppm quicker than nominal.
    assertThat(clock.driftPpm()).isBetween(-150.0 - 15, -150.0 + 15);
  }

  // ---- gaps, jumps, lost samples, reconnects

  @Test
  void aCountedStreamReAnchorsAfterASilenceLongerThanTheGapLimit() {
    SampleClock clock = SampleClock.forNominalRate(50);
    long[] out = new long[1];
    long t = 10_000_000_000L;
    for (int i = 0; i < 100; i++) {
      clock.stamp(t + i * 20_000_000L, 1, out);
    }
    assertThat(out[0]).isEqualTo(t + 99 * 20_000_000L);
    // 1.2 s of silence (more than the 1 s gap limit): the next sample is anchored at its arrival,
    // though 60 samples at the nominal period would have put it earlier.
    long after = t + 99 * 20_000_000L + 1_200_000_000L;
    clock.stamp(after, 1, out);
    assertThat(out[0]).isEqualTo(after);
    assertThat(clock.reanchors()).isEqualTo(1);
    // Less than the limit is no gap.
    clock.stamp(after + 900_000_000L, 1, out);
    assertThat(out[0]).isEqualTo(after + 20_000_000L);
    assertThat(clock.reanchors()).isEqualTo(1);
  }

  @Test
  void deviceTimeCarriesTheLineAcrossAGapAndAcrossTheThirtyTwoBitWrap() {
    SampleClock clock = SampleClock.forNominalRate(100);
    long[] out = new long[1];
    long t = 10_000_000_000L;
    long device = 0xFFFF_FFFFL - 3_000_000L; // wraps 3 s in
    for (int i = 0; i < 200; i++) {
      clock.stampWithDeviceTime(t + i * 10_000_000L, (device + i * 10_000L) & 0xFFFF_FFFFL, 1, out);
    }
    // 2 s without anything, then a sample whose device time says 2.01 s passed and which arrived
    // 7 ms late: it is stamped by the device clock, not at its arrival.
    long late = t + 199 * 10_000_000L + 2_010_000_000L + 7_000_000L;
    clock.stampWithDeviceTime(late, (device + 400 * 10_000L) & 0xFFFF_FFFFL, 1, out);
    assertThat(out[0]).isEqualTo(late - 7_000_000L);
    assertThat(clock.reanchors()).isZero();
  }

  @Test
  void aDeviceClockThatJumpsReAnchors() {
    SampleClock clock = SampleClock.forNominalRate(100);
    long[] out = new long[1];
    long t = 10_000_000_000L;
    for (int i = 0; i < 50; i++) {
      clock.stampWithDeviceTime(t + i * 10_000_000L, 1_000_000_000L + i * 10_000L, 1, out);
    }
    // The device restarted its clock at 0 (without a reconnect the host saw).
    long arrival = t + 50 * 10_000_000L;
    clock.stampWithDeviceTime(arrival, 0, 1, out);
    assertThat(out[0]).isEqualTo(arrival);
    assertThat(clock.reanchors()).isEqualTo(1);
    clock.stampWithDeviceTime(arrival + 10_000_000L, 10_000, 1, out);
    assertThat(out[0]).isEqualTo(arrival + 10_000_000L);
  }

  @Test
  void aNotificationLostUnseenInACountedStreamIsCaughtUpWithinTwoBlocks() {
    // A notification is lost; with counted samples the clock cannot see it, until a whole block
    // comes a notification's length late.
    SimulatedBleLink.Settings s = link(200, 2, 0, 11.25, 0.1, 5, 0, 8);
    List<SimulatedBleLink.Arrival> all = SimulatedBleLink.run(s, 4_000);
    List<SimulatedBleLink.Arrival> lossy = new ArrayList<>(all);
    lossy.remove(1_500);
    SampleClock clock = SampleClock.forNominalRate(200);
    ClockRun run = ClockRun.feed(clock, ClockRun.Feed.COUNTED, lossy);
    assertThat(clock.unseenLostSamples()).isEqualTo(2);
    assertThat(clock.reanchors()).isZero();
    double lossAt = all.get(1_500).trueFirstNanos();
    double[] late = new double[run.size];
    int n = 0;
    for (int i = 0; i < run.size; i++) {
      if (run.trueTimes[i] > lossAt + 2e9) {
        late[n++] = run.stamps[i] - run.trueTimes[i] - SimulatedBleLink.LATENCY_NANOS;
      }
    }
    assertThat(ClockRun.quantileOfAbs(Arrays.copyOf(late, n), 0.99)).isLessThan(1.5e6);
  }

  @Test
  void resetStartsAFreshAnchorButStaysMonotonicAndKeepsTheRate() {
    SampleClock clock = SampleClock.forNominalRate(200);
    List<SimulatedBleLink.Arrival> arrivals =
        SimulatedBleLink.run(link(200, 13, 200, 7.5, 0.1, 10, 0, 4), 1_000);
    ClockRun before = ClockRun.feed(clock, ClockRun.Feed.DEVICE_TIME, arrivals);
    double drift = clock.driftPpm();
    clock.reset();
    long lastBefore = before.stamps[before.size - 1];
    long[] out = new long[2];
    // After the reconnect the same clock may be fed counted samples, and arrivals may even come
    // before the last stamp (the reconnect took less than the stamps' lead): still monotonic.
    clock.stamp(lastBefore - 1_000_000L, 2, out);
    assertThat(out[0]).isEqualTo(lastBefore + clock.minStepNanos());
    assertThat(out[1]).isEqualTo(lastBefore + 2 * clock.minStepNanos());
    assertThat(clock.driftPpm()).isEqualTo(drift);
    assertThat(clock.reanchors()).isZero();
  }

  // ---- bad input

  @Test
  void badArgumentsAreRefusedNamingWhatWasWrong() {
    assertThatThrownBy(() -> SampleClock.forNominalRate(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("nominal rate must be a positive number of Hz: 0.0");
    assertThatThrownBy(() -> SampleClock.forNominalRate(Double.NaN))
        .hasMessage("nominal rate must be a positive number of Hz: NaN");
    assertThatThrownBy(() -> SampleClock.forNominalRate(50, -1, Duration.ofSeconds(1)))
        .hasMessage("max drift must be 0..100000 ppm: -1.0");
    assertThatThrownBy(() -> SampleClock.forNominalRate(50, 100, Duration.ZERO))
        .hasMessage("gap limit must be positive: PT0S");
    SampleClock clock = SampleClock.forNominalRate(50);
    long[] out = new long[2];
    assertThatThrownBy(() -> clock.stamp(0, 0, out))
        .hasMessage("a notification carries 1 or more samples: 0");
    assertThatThrownBy(() -> clock.stamp(0, 3, out))
        .hasMessage("out has room for 2 stamps, the notification has 3");
    assertThatThrownBy(() -> clock.stampWithDeviceTime(0, 1L << 32, 1, out))
        .hasMessage("device time must be 0..2^32-1 µs: 4294967296");
    assertThatThrownBy(() -> clock.stampFrom(0, -2, 1, out))
        .hasMessage("sample index must be >= 0: -2");
    assertThatThrownBy(() -> clock.stamp(0, 2, 2)).hasMessage("sample index must be 0..1: 2");
    clock.stamp(1_000, 1, out);
    assertThatThrownBy(() -> clock.stamp(999, 1, out))
        .hasMessage("arrival 999 ns is before the previous notification's 1000");
    assertThatThrownBy(() -> clock.stampWithDeviceTime(2_000, 5, 1, out))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("this clock is fed counted samples; reset() before feeding it device times");
    assertThatThrownBy(() -> clock.stamp(2_000, 2, 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "sample 1 of 2 arriving at 2000 does not follow the notification begun with index 0");
    clock.stamp(3_000, 2, 0);
    assertThatThrownBy(() -> clock.stamp(3_001, 2, 1))
        .hasMessage(
            "sample 1 of 2 arriving at 3001 does not follow the notification begun with index 0"
                + " (2 samples at 3000, next 1)");
    // None of the refused calls moved the clock: the next sample follows the last one.
    assertThat(clock.stamp(3_000, 2, 1)).isGreaterThan(0);
    assertThat(clock.reanchors()).isZero();
  }

  // ---- the hot path

  @Test
  void stampingAllocatesNothing() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    List<SimulatedBleLink.Arrival> arrivals =
        SimulatedBleLink.run(link(200, 13, 60, 7.5, 0.2, 10, 0.01, 9), 20_000);
    long[] arrival = arrivals.stream().mapToLong(SimulatedBleLink.Arrival::arrivalNanos).toArray();
    long[] device = arrivals.stream().mapToLong(SimulatedBleLink.Arrival::deviceMicros).toArray();
    SampleClock clock = SampleClock.forNominalRate(200);
    long[] out = new long[13];
    for (int i = 0; i < 5_000; i++) {
      clock.stampWithDeviceTime(arrival[i], device[i], 13, out);
    }
    long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    for (int i = 5_000; i < arrival.length; i++) {
      clock.stampWithDeviceTime(arrival[i], device[i], 13, out);
    }
    long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
    // 15,000 notifications, 195,000 samples: anything per sample would be megabytes.
    assertThat(allocated).isLessThan(4_096);
  }

  // ---- generators

  static SimulatedBleLink.Settings link(
      double rateHz,
      int n,
      double driftPpm,
      double intervalMs,
      double miss,
      double jitterMs,
      double drop,
      long seed) {
    return new SimulatedBleLink.Settings(
        rateHz,
        n,
        driftPpm,
        START,
        0xFFFF_0000L,
        intervalMs * 1e6,
        miss,
        8,
        jitterMs * 1e6,
        drop,
        SimulatedBleLink.Jitter.TAIL,
        seed);
  }

  private static int notificationsFor(SimulatedBleLink.Settings s, double seconds) {
    return (int) (seconds * s.rateHz() / s.samplesPerNotification());
  }

  /** The real streams: Myo EMG pairs, v1 at the default MTU and at 247, Myo IMU. */
  private static Arbitrary<int[]> streams() {
    return Arbitraries.of(
        new int[] {200, 2}, new int[] {50, 1}, new int[] {200, 13}, new int[] {100, 1});
  }

  @Provide
  Arbitrary<SimulatedBleLink.Settings> links() {
    return Combinators.combine(
            streams(),
            Arbitraries.doubles().between(-200, 200),
            Arbitraries.doubles().between(7.5, 30),
            Arbitraries.doubles().between(0, 0.4),
            Arbitraries.doubles().between(0, 15),
            Arbitraries.doubles().between(0, 0.1),
            Arbitraries.of(SimulatedBleLink.Jitter.values()),
            Arbitraries.longs())
        .as(
            (st, drift, ci, miss, jitter, drop, shape, seed) ->
                new SimulatedBleLink.Settings(
                    st[0],
                    st[1],
                    drift,
                    START,
                    seed & 0xFFFF_FFFFL,
                    ci * 1e6,
                    miss,
                    8,
                    jitter * 1e6,
                    drop,
                    shape,
                    seed));
  }

  @Provide
  Arbitrary<SimulatedBleLink.Settings> smallQuantumLinks() {
    return gridLinks().filter(s -> SimulatedBleLink.quantumNanos(s) <= 1.25e6);
  }

  @Provide
  Arbitrary<SimulatedBleLink.Settings> gridLinks() {
    return Combinators.combine(
            streams(),
            Arbitraries.doubles().between(-200, 200),
            Arbitraries.integers().between(6, 24),
            Arbitraries.doubles().between(0, 0.3),
            Arbitraries.doubles().between(0, 10),
            Arbitraries.doubles().between(0, 0.05),
            Arbitraries.longs())
        .as(
            (st, drift, units, miss, jitter, drop, seed) ->
                new SimulatedBleLink.Settings(
                    st[0],
                    st[1],
                    drift,
                    START,
                    seed & 0xFFFF_FFFFL,
                    units * 1.25e6,
                    miss,
                    8,
                    jitter * 1e6,
                    drop,
                    SimulatedBleLink.Jitter.TAIL,
                    seed));
  }
}
