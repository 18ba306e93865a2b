package org.imucompanion.protocol.stream;

import java.time.Duration;
import java.util.Objects;

/**
 * Gives every sample of one device stream a host time ({@link System#nanoTime()} nanoseconds) that
 * never goes backwards, from when its notifications arrived, how many samples each carried and,
 * where the wire has one, the device's own clock. One instance per stream (a v1 wristband's data, a
 * Myo's EMG, a Myo's IMU, a legacy band's reads); not thread-safe; allocates nothing per sample
 * once running.
 *
 * <h2>Model</h2>
 *
 * Each sample has a position on a device timeline, in nanoseconds: its device time where the wire
 * carries one ({@link #stampWithDeviceTime}, the v1 wristband's 32-bit µs clock, unwrapped by
 * {@link DeviceClock}), its index in the stream times the nominal period where the stream counts
 * its samples ({@link #stampFrom}, the Myo's merged EMG indices), or the count of samples fed so
 * far times the nominal period ({@link #stamp(long, int, long[])}). The host time of position
 * {@code p} is estimated as the line {@code h(p) = hostRef + (p - posRef) * scale}, where {@code
 * scale} is the device clock's rate against the host's (1 ± a few hundred ppm).
 *
 * <p>Why a lower envelope: a notification arrives after its last sample was taken, by a delay that
 * is never negative and often large (the radio waits for the next connection event, 7.5-30 ms; a
 * missed event makes several notifications arrive in one burst; BlueZ, D-Bus and scheduling add
 * jitter). Averaging arrivals would pull the estimate late by the mean delay and shake it with
 * every burst. The earliest arrivals are the best evidence, so the line is a lower envelope of the
 * arrivals. A notification arriving earlier than the line predicts moves it down at once. The
 * arrivals are cut into blocks (at least 1 s and 8 notifications); each block's earliest arrival
 * joins a window of the last 256 blocks' earliest arrivals, and at each block end the line is
 * rebuilt from that window. Its slope ({@code scale}) moves a tenth of the way towards the slope of
 * the window's lower convex hull over the window's middle (the line under all points and closest to
 * them on average: the linear-programming estimate of clock skew from one-way delays), bounded to 1
 * ± {@code maxDriftPpm}: a long window, because where the radio's timing hides the earliest
 * arrivals (below) they show only every few minutes. Then the line is lowered or raised to be the
 * lowest line of that slope under the last 64 blocks' points: short enough that a slope still
 * converging cannot carry an old point far. So a burst of late notifications cannot pull the line
 * late (they are not the earliest of their block), a drifting crystal is followed (the slope), and
 * the line rises again only as its early points leave the last 64 blocks.
 *
 * <p>Guarantees, by construction: each stamp is at least the previous stamp plus a minimum step
 * ({@link #minStepNanos()}, 1% of the nominal period), and no later than its notification's arrival
 * unless the minimum step forces it (only when arrivals come closer together than a notification's
 * samples times the minimum step).
 *
 * <p>Gaps, losses and reconnects: when samples are only counted, a silence longer than the gap
 * limit (by default 20 nominal periods, at least 1 s) may hide lost samples, so the clock
 * re-anchors (the next notification's last sample is stamped at its arrival) and keeps its rate
 * estimate. Where positions are known (device time, stream index) they survive a gap, and the clock
 * re-anchors only when a position disagrees with the line by more than 5 s (a device restarted its
 * clock). When 16 notifications running (and half a second) of a counted stream all come ¾ of a
 * notification's length or more above the line, notifications were lost unseen: the positions move
 * on by the whole notifications lost ({@link #unseenLostSamples()}); an indexed stream does the
 * same from four notifications late over 4 s (the Myo's rotation cannot see four lost in a row).
 * Call {@link #reset()} after a reconnect.
 *
 * <p>What it cannot see: a delay that never varies (the host stack's fixed latency) is in every
 * arrival, so stamps are true sample times plus the smallest delay the link shows. And the radio
 * sends only at connection events: how long a sample waited for one shows only as the phases of the
 * notifications against the events vary. When the notification period and the connection interval
 * have a large common divisor {@code g} (a 20 ms period on a 20 ms interval: 20 ms; 10 ms on 7.5
 * ms: 2.5 ms), the smallest delay seen can sit anywhere in {@code 0..g} for as long as the
 * crystal's drift takes to slide the phases by {@code g}, so stamps can be late by up to {@code g}.
 * docs/CLOCKS.md measures both.
 *
 * <h2>Use</h2>
 *
 * One clock per stream, made when its nominal rate is known (a new clock if the rate changes),
 * {@link #reset()} on every reconnect:
 *
 * <pre>{@code
 * // v1 wristband: the packet carries the device time of its first sample.
 * SampleClock data = SampleClock.forNominalRate(config.outputDataRateHz());
 * long[] times = new long[31];
 * data.stampWithDeviceTime(timed.hostTimeNanos(), packet.deviceTimeMicros(), n, times);
 * // Myo EMG, handed sample by sample with its stream index, two per notification.
 * long t = emg.stampSample(reading.hostTimeNanos(), reading.sampleIndex(), 2);
 * // Myo IMU, legacy band: one sample per notification, only counted.
 * long t = imu.stamp(timed.hostTimeNanos(), 1, 0);
 * }</pre>
 */
public final class SampleClock {

  /** Default bound on the device clock's rate error against the host's. */
  public static final double DEFAULT_MAX_DRIFT_PPM = 500;

  /** A block: at least this long and this many notifications, so it holds an early arrival. */
  private static final long BLOCK_NANOS = 1_000_000_000L;

  private static final int BLOCK_MIN_NOTIFICATIONS = 8;

  /** Block minima the slope is fitted to (minutes: the radio can hide early arrivals that long). */
  private static final int SLOPE_BLOCKS = 256;

  /** Fewest block minima before the slope moves. */
  private static final int SLOPE_MIN_BLOCKS = 8;

  /** How far the slope moves towards the hull's per block. */
  private static final double SLOPE_GAIN = 0.1;

  /** Latest block minima the line must pass under. */
  private static final int INTERCEPT_BLOCKS = 64;

  /** Late notifications running, over at least that long, that say notifications were lost. */
  private static final int LOSS_RUN = 16;

  private static final long LOSS_RUN_NANOS = 500_000_000L;

  /**
   * Indexed streams see their own losses but for whole rotations, which are rare; a congested link
   * that keeps every notification late for seconds is not, so they need longer evidence.
   */
  private static final long INDEXED_LOSS_RUN_NANOS = 4_000_000_000L;

  /** A known position this far off the line means the device's clock or index restarted. */
  private static final double JUMP_NANOS = 5e9;

  /** Default gap limit: this many nominal periods, and at least {@code MIN_GAP_NANOS}. */
  private static final int GAP_PERIODS = 20;

  private static final long MIN_GAP_NANOS = 1_000_000_000L;

  /** How the positions of the samples are known; one clock is fed one way until reset. */
  private enum Feed {
    NONE,
    COUNTED,
    INDEXED,
    DEVICE_TIME
  }

  private final double nominalRateHz;
  private final double nominalPeriod;
  private final double maxDrift;
  private final long gapNanos;
  private final long minStep;
  private final DeviceClock deviceClock = new DeviceClock();

  private Feed feed = Feed.NONE;
  private boolean anchored;
  private double scale = 1;
  private double posRef;
  private double hostRef;
  private long lastArrival;
  private long counted;

  private long blockStart;
  private int blockNotifications;
  private double blockMin;
  private double unseenShift;
  private int lossRunLength;
  private long lossRunStart;
  private double lossRunMin;
  private long unseenLost;

  private double blockRefHost;
  private double blockRefPos;
  private double blockMinPos;
  private double blockMinHost;
  private final double[] ringPos = new double[SLOPE_BLOCKS];
  private final double[] ringLate = new double[SLOPE_BLOCKS];
  private final double[] sortPos = new double[SLOPE_BLOCKS];
  private final double[] sortLate = new double[SLOPE_BLOCKS];
  private final int[] hull = new int[SLOPE_BLOCKS];
  private int ringSize;
  private int ringNext;

  private boolean stamped;
  private long lastStamp;
  private long reanchors;
  private long forcedSteps;

  private long[] current = new long[32];
  private int currentSamples;
  private long currentArrival;
  private long currentFirstIndex;
  private int currentNext;

  private SampleClock(double nominalRateHz, double maxDriftPpm, Duration gap) {
    requireRate(nominalRateHz);
    if (!(maxDriftPpm >= 0 && maxDriftPpm < 100_000)) {
      throw new IllegalArgumentException("max drift must be 0..100000 ppm: " + maxDriftPpm);
    }
    Objects.requireNonNull(gap, "gap");
    if (gap.isNegative() || gap.isZero()) {
      throw new IllegalArgumentException("gap limit must be positive: " + gap);
    }
    this.nominalRateHz = nominalRateHz;
    this.nominalPeriod = 1e9 / nominalRateHz;
    this.maxDrift = maxDriftPpm * 1e-6;
    this.gapNanos = gap.toNanos();
    this.minStep = Math.max(1, Math.round(nominalPeriod / 100));
  }

  /**
   * A clock for a stream sampled at a nominal rate, with the default drift bound (500 ppm) and gap
   * limit (20 nominal periods, at least 1 s).
   *
   * @param hz the stream's nominal sample rate (a v1 wristband's configured output data rate, 200
   *     for the Myo's EMG, 50 for its IMU)
   * @return a clock, not yet anchored
   * @throws IllegalArgumentException if the rate is not a positive finite number
   */
  public static SampleClock forNominalRate(double hz) {
    requireRate(hz);
    long gap = Math.max(MIN_GAP_NANOS, Math.round(GAP_PERIODS * 1e9 / hz));
    return new SampleClock(hz, DEFAULT_MAX_DRIFT_PPM, Duration.ofNanos(gap));
  }

  /**
   * A clock with its own drift bound and gap limit.
   *
   * @param hz the stream's nominal sample rate
   * @param maxDriftPpm how far the device clock's rate may be from nominal, 0..100000 ppm
   * @param gap a silence longer than this re-anchors a stream whose samples are only counted
   * @return a clock, not yet anchored
   * @throws IllegalArgumentException naming the bad argument
   */
  public static SampleClock forNominalRate(double hz, double maxDriftPpm, Duration gap) {
    return new SampleClock(hz, maxDriftPpm, gap);
  }

  /**
   * Stamps one notification whose samples are only counted (no device time, no index): the Myo's
   * IMU, the legacy band's reads.
   *
   * @param arrivalNanos {@link System#nanoTime()} when the notification arrived; never less than
   *     the previous notification's
   * @param samples how many samples it carries, oldest first, 1 or more
   * @param out receives the samples' host times in its first {@code samples} slots
   * @throws IllegalArgumentException if arrival goes back, {@code samples < 1} or {@code out} is
   *     too short
   * @throws IllegalStateException if this clock was fed another way since the last reset
   */
  public void stamp(long arrivalNanos, int samples, long[] out) {
    check(arrivalNanos, samples, out);
    enter(Feed.COUNTED);
    double posFirst = counted * nominalPeriod + unseenShift;
    counted += samples;
    observe(arrivalNanos, posFirst, samples, false, out);
  }

  /**
   * Stamps one sample of a counted notification, for callers that are handed samples one by one:
   * index 0 feeds the notification, indices 1.. return the times computed then. Gives exactly what
   * {@link #stamp(long, int, long[])} gives.
   *
   * @param arrivalNanos when the notification arrived (the same for all its samples)
   * @param samplesInNotification how many samples the notification carries
   * @param index this sample's place in it, 0 first; called 0, 1, 2 ... in order
   * @return the sample's host time, ns
   * @throws IllegalArgumentException if {@code index} is outside {@code 0..samplesInNotification-1}
   * @throws IllegalStateException if index is not the next one of the notification index 0 began
   */
  public long stamp(long arrivalNanos, int samplesInNotification, int index) {
    if (samplesInNotification < 1 || index < 0 || index >= samplesInNotification) {
      throw new IllegalArgumentException(
          "sample index must be 0.." + (samplesInNotification - 1) + ": " + index);
    }
    if (index == 0) {
      ensureCurrent(samplesInNotification);
      stamp(arrivalNanos, samplesInNotification, current);
      currentSamples = samplesInNotification;
      currentArrival = arrivalNanos;
      currentNext = 1;
      return current[0];
    }
    if (feed != Feed.COUNTED
        || index != currentNext
        || samplesInNotification != currentSamples
        || arrivalNanos != currentArrival) {
      throw new IllegalStateException(
          "sample "
              + index
              + " of "
              + samplesInNotification
              + " arriving at "
              + arrivalNanos
              + " does not follow the notification begun with index 0"
              + (currentSamples > 0
                  ? " ("
                      + currentSamples
                      + " samples at "
                      + currentArrival
                      + ", next "
                      + currentNext
                      + ")"
                  : ""));
    }
    currentNext++;
    return current[index];
  }

  /**
   * Stamps one notification whose samples carry their index in the stream (the Myo's merged EMG:
   * {@code EmgReading.sampleIndex()}, whose jumps mark lost samples). A notification that comes
   * late (lower indices than one already seen) is stamped just after the latest stamp.
   *
   * @param arrivalNanos when the notification arrived; never less than the previous one's
   * @param firstSampleIndex the stream index of its first sample, 0 or more
   * @param samples how many samples it carries, consecutive indices from the first
   * @param out receives the samples' host times in its first {@code samples} slots
   * @throws IllegalArgumentException if arrival goes back, an argument is out of range or {@code
   *     out} is too short
   * @throws IllegalStateException if this clock was fed another way since the last reset
   */
  public void stampFrom(long arrivalNanos, long firstSampleIndex, int samples, long[] out) {
    check(arrivalNanos, samples, out);
    if (firstSampleIndex < 0) {
      throw new IllegalArgumentException("sample index must be >= 0: " + firstSampleIndex);
    }
    enter(Feed.INDEXED);
    observe(arrivalNanos, firstSampleIndex * nominalPeriod + unseenShift, samples, true, out);
  }

  /**
   * Stamps one sample of an indexed stream, for callers handed samples one by one (the Myo's {@code
   * MyoListener.onEmg}): the first sample asked for from a notification feeds it, the others return
   * the times computed then. Gives exactly what {@link #stampFrom} gives.
   *
   * @param arrivalNanos when the notification arrived (the same for all its samples)
   * @param sampleIndex the sample's stream index; its notification starts at the multiple of {@code
   *     samplesPerNotification} at or below it
   * @param samplesPerNotification how many samples each notification carries (2 for the Myo's EMG)
   * @return the sample's host time, ns
   * @throws IllegalArgumentException if an argument is out of range or arrival goes back
   * @throws IllegalStateException if this clock was fed another way since the last reset
   */
  public long stampSample(long arrivalNanos, long sampleIndex, int samplesPerNotification) {
    if (samplesPerNotification < 1) {
      throw new IllegalArgumentException(
          "samples per notification must be >= 1: " + samplesPerNotification);
    }
    if (sampleIndex < 0) {
      throw new IllegalArgumentException("sample index must be >= 0: " + sampleIndex);
    }
    long first = sampleIndex - Math.floorMod(sampleIndex, (long) samplesPerNotification);
    if (feed != Feed.INDEXED
        || currentSamples != samplesPerNotification
        || currentArrival != arrivalNanos
        || currentFirstIndex != first) {
      ensureCurrent(samplesPerNotification);
      stampFrom(arrivalNanos, first, samplesPerNotification, current);
      currentSamples = samplesPerNotification;
      currentArrival = arrivalNanos;
      currentFirstIndex = first;
    }
    return current[(int) (sampleIndex - first)];
  }

  /**
   * Stamps one notification of a stream that carries the device time of its first sample (the v1
   * wristband, PROTOCOL.md §2.4): the 32-bit µs counter is unwrapped by {@link DeviceClock}, the
   * samples follow it at the nominal period of the device's clock, and the envelope maps device
   * time to host time, so the stamps keep the device's own spacing and survive lost packets and
   * gaps.
   *
   * @param arrivalNanos when the notification arrived; never less than the previous one's
   * @param deviceTimeMicros the raw device time of its first sample, 0..2³²-1
   * @param samples how many samples it carries
   * @param out receives the samples' host times in its first {@code samples} slots
   * @throws IllegalArgumentException if arrival goes back, an argument is out of range or {@code
   *     out} is too short
   * @throws IllegalStateException if this clock was fed another way since the last reset
   */
  public void stampWithDeviceTime(
      long arrivalNanos, long deviceTimeMicros, int samples, long[] out) {
    check(arrivalNanos, samples, out);
    if (deviceTimeMicros < 0 || deviceTimeMicros > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("device time must be 0..2^32-1 µs: " + deviceTimeMicros);
    }
    enter(Feed.DEVICE_TIME);
    double posFirst = deviceClock.extend(deviceTimeMicros) * 1e3;
    observe(arrivalNanos, posFirst, samples, true, out);
  }

  /**
   * Forgets the anchor and the device clock's position, for a reconnect: the next notification
   * anchors afresh, and may be fed another way. The rate estimate (the same crystal) and the last
   * stamp (stamps stay monotonic across the reconnect) are kept.
   */
  public void reset() {
    feed = Feed.NONE;
    anchored = false;
    deviceClock.reset();
    counted = 0;
    unseenShift = 0;
    currentSamples = 0;
    clearBlocks();
  }

  /**
   * The estimated sample period on the host clock.
   *
   * @return nanoseconds; the nominal period until the rate estimate moves
   */
  public double periodNanos() {
    return nominalPeriod * scale;
  }

  /**
   * The estimated rate error of the device clock against the host's.
   *
   * @return parts per million, positive when the device's samples come slower than nominal
   */
  public double driftPpm() {
    return (scale - 1) * 1e6;
  }

  /**
   * The nominal rate this clock was made for.
   *
   * @return Hz
   */
  public double nominalRateHz() {
    return nominalRateHz;
  }

  /**
   * The smallest step between two consecutive stamps.
   *
   * @return nanoseconds, 1% of the nominal period (at least 1)
   */
  public long minStepNanos() {
    return minStep;
  }

  /**
   * Counts re-anchorings since the clock was made: after gaps and clock jumps (not the first
   * anchoring, nor those after {@link #reset()}).
   *
   * @return the count
   */
  public long reanchors() {
    return reanchors;
  }

  /**
   * Counts samples found lost without being seen: in counted or indexed streams, runs of 16
   * notifications that all came a notification's length or more late (the positions were then moved
   * on by them).
   *
   * @return samples
   */
  public long unseenLostSamples() {
    return unseenLost;
  }

  /**
   * Counts stamps that the minimum step moved later than the envelope put them (late notifications
   * with indices or device times below ones already stamped, or the envelope moving down).
   *
   * @return the count
   */
  public long forcedSteps() {
    return forcedSteps;
  }

  private static void requireRate(double hz) {
    if (!(hz > 0) || Double.isInfinite(hz)) {
      throw new IllegalArgumentException("nominal rate must be a positive number of Hz: " + hz);
    }
  }

  private void check(long arrivalNanos, int samples, long[] out) {
    Objects.requireNonNull(out, "out");
    if (samples < 1) {
      throw new IllegalArgumentException("a notification carries 1 or more samples: " + samples);
    }
    if (out.length < samples) {
      throw new IllegalArgumentException(
          "out has room for " + out.length + " stamps, the notification has " + samples);
    }
    if (anchored && arrivalNanos < lastArrival) {
      throw new IllegalArgumentException(
          "arrival " + arrivalNanos + " ns is before the previous notification's " + lastArrival);
    }
  }

  private void enter(Feed wanted) {
    if (feed == Feed.NONE) {
      feed = wanted;
    } else if (feed != wanted) {
      throw new IllegalStateException(
          "this clock is fed "
              + describe(feed)
              + "; reset() before feeding it "
              + describe(wanted));
    }
  }

  private static String describe(Feed f) {
    return switch (f) {
      case COUNTED -> "counted samples";
      case INDEXED -> "sample indices";
      case DEVICE_TIME -> "device times";
      case NONE -> "nothing";
    };
  }

  private void ensureCurrent(int samples) {
    if (current.length < samples) {
      current = new long[Math.max(samples, 2 * current.length)];
    }
  }

  private void observe(long arrival, double posFirst, int samples, boolean trusted, long[] out) {
    double posLast = posFirst + (samples - 1) * nominalPeriod;
    if (!anchored) {
      anchor(arrival, posLast);
    } else if (!trusted && arrival - lastArrival > gapNanos) {
      reanchors++;
      anchor(arrival, posLast);
    } else {
      double predicted = hostRef + (posLast - posRef) * scale;
      double late = arrival - predicted;
      if (trusted && Math.abs(late) > JUMP_NANOS) {
        reanchors++;
        anchor(arrival, posLast);
      } else {
        if (late < 0) {
          predicted = arrival;
          late = 0;
        }
        hostRef = predicted;
        posRef = posLast;
        // Measured against the line as the block began, which pulling down does not move.
        double belowStart = arrival - (blockRefHost + (posLast - blockRefPos) * scale);
        if (belowStart < blockMin) {
          blockMin = belowStart;
          blockMinPos = posLast;
          blockMinHost = arrival;
        }
        blockNotifications++;
        if (feed != Feed.DEVICE_TIME && lostUnseen(arrival, late, samples)) {
          startBlock(arrival);
        } else if (arrival - blockStart >= BLOCK_NANOS
            && blockNotifications >= BLOCK_MIN_NOTIFICATIONS) {
          endBlock(arrival);
        }
      }
    }
    lastArrival = arrival;
    for (int i = 0; i < samples; i++) {
      double t = hostRef + (posFirst + i * nominalPeriod - posRef) * scale;
      long s = t >= arrival ? arrival : (long) Math.floor(t);
      if (stamped && s < lastStamp + minStep) {
        s = lastStamp + minStep;
        forcedSteps++;
      }
      out[i] = s;
      lastStamp = s;
      stamped = true;
    }
  }

  private void anchor(long arrival, double posLast) {
    anchored = true;
    hostRef = arrival;
    posRef = posLast;
    clearBlocks();
    startBlock(arrival);
  }

  private void startBlock(long arrival) {
    blockStart = arrival;
    blockRefHost = hostRef;
    blockRefPos = posRef;
    blockNotifications = 0;
    blockMin = Double.POSITIVE_INFINITY;
  }

  private void clearBlocks() {
    lossRunLength = 0;
    lossRunMin = Double.POSITIVE_INFINITY;
    blockNotifications = 0;
    blockMin = Double.POSITIVE_INFINITY;
    ringSize = 0;
    ringNext = 0;
  }

  /**
   * Watches for notifications lost where nothing counts them: then every later notification comes
   * at least a notification's length late against the line. When at least 16 running, over at least
   * half a second of arrivals, all do, the positions move on by the whole notifications lost (the
   * smallest lateness of the run, rounded to notifications); the line stays where it is. A burst,
   * even the one that empties the queue after a stall, delays a few notifications over a short
   * span, not that many over that long. Indexed streams see their own losses except whole rotations
   * (the Myo's four characteristics), so for them only four notifications or more late count, over
   * at least 4 s.
   *
   * @return whether the positions moved (the block in progress is then dropped: part of it was
   *     placed at the old positions)
   */
  private boolean lostUnseen(long arrival, double late, int samples) {
    double notification = samples * nominalPeriod;
    double threshold = (feed == Feed.INDEXED ? 3.75 : 0.75) * notification;
    if (late < threshold) {
      lossRunLength = 0;
      return false;
    }
    if (lossRunLength == 0) {
      lossRunStart = arrival;
      lossRunMin = late;
    } else if (late < lossRunMin) {
      lossRunMin = late;
    }
    lossRunLength++;
    long span = feed == Feed.INDEXED ? INDEXED_LOSS_RUN_NANOS : LOSS_RUN_NANOS;
    if (lossRunLength < LOSS_RUN || arrival - lossRunStart < span) {
      return false;
    }
    lossRunLength = 0;
    long lost = (long) Math.floor(lossRunMin / notification + 0.25);
    double shift = lost * notification;
    unseenShift += shift;
    unseenLost += lost * samples;
    hostRef += shift * scale;
    posRef += shift;
    // The window's points sit at the old positions: a slope fitted across the shift would be off
    // by it (and by it again if the shift was a mistake). Start the window again; the slope stays.
    ringSize = 0;
    ringNext = 0;
    return true;
  }

  /**
   * Closes a block: its earliest arrival joins the window of block minima, the rate moves towards
   * the slope of their lower hull, and the line becomes the lowest line of that rate under the
   * latest 64 of them (which lets it rise once an early arrival has left those).
   */
  private void endBlock(long arrival) {
    ringPos[ringNext] = blockMinPos;
    ringLate[ringNext] = blockMinHost - blockMinPos;
    ringNext = (ringNext + 1) % SLOPE_BLOCKS;
    if (ringSize < SLOPE_BLOCKS) {
      ringSize++;
    }
    if (ringSize >= SLOPE_MIN_BLOCKS) {
      double slope = hullSlopeAtCentre();
      if (!Double.isNaN(slope)) {
        scale += SLOPE_GAIN * (1 + slope - scale);
        scale = Math.max(1 - maxDrift, Math.min(1 + maxDrift, scale));
      }
    }
    if (ringSize >= 1) {
      // The lowest line of slope scale under the recent block minima.
      double lowest = Double.POSITIVE_INFINITY;
      for (int r = 0, m = Math.min(ringSize, INTERCEPT_BLOCKS); r < m; r++) {
        int i = Math.floorMod(ringNext - 1 - r, SLOPE_BLOCKS);
        double h = ringPos[i] + ringLate[i] + (posRef - ringPos[i]) * scale;
        if (h < lowest) {
          lowest = h;
        }
      }
      // Never above the notification just seen (the slope may have turned).
      hostRef = Math.min(lowest, arrival);
    }
    startBlock(arrival);
  }

  /**
   * The slope (of {@code arrival - position} against position) of the lower convex hull of the
   * window's block minima, on the hull edge over the window's mean position: the line that lies
   * under all of them and closest to them on average (the linear program of clock-skew estimation
   * from one-way delays). NaN when the points do not span a position range.
   */
  private double hullSlopeAtCentre() {
    int n = ringSize;
    int oldest = Math.floorMod(ringNext - n, SLOPE_BLOCKS);
    double mean = 0;
    for (int i = 0; i < n; i++) {
      int k = (oldest + i) % SLOPE_BLOCKS;
      // Insertion by position (almost always already in order).
      int j = i;
      while (j > 0 && sortPos[j - 1] > ringPos[k]) {
        sortPos[j] = sortPos[j - 1];
        sortLate[j] = sortLate[j - 1];
        j--;
      }
      sortPos[j] = ringPos[k];
      sortLate[j] = ringLate[k];
      mean += ringPos[k];
    }
    mean /= n;
    int h = 0;
    for (int i = 0; i < n; i++) {
      while (h >= 2 && cross(hull[h - 2], hull[h - 1], i) <= 0) {
        h--;
      }
      hull[h++] = i;
    }
    for (int e = 0; e + 1 < h; e++) {
      double p0 = sortPos[hull[e]];
      double p1 = sortPos[hull[e + 1]];
      if (p1 >= mean && p1 > p0) {
        return (sortLate[hull[e + 1]] - sortLate[hull[e]]) / (p1 - p0);
      }
    }
    return Double.NaN;
  }

  private double cross(int a, int b, int c) {
    return (sortPos[b] - sortPos[a]) * (sortLate[c] - sortLate[a])
        - (sortLate[b] - sortLate[a]) * (sortPos[c] - sortPos[a]);
  }
}
