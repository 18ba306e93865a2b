package org.imucompanion.ble.health;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.imucompanion.protocol.ProtocolException;
import org.imucompanion.protocol.stream.SequenceTracker;

/**
 * Watches one notification stream (a characteristic of a device) and tells how healthy it is:
 * packet and sample rates against the nominal rate, loss, duplicates, reordering, inter-arrival
 * jitter and malformed packets by reason, live (the last complete window, one second by default)
 * and since the first notification.
 *
 * <p>Feed it every notification once, in arrival order, with the host time stamped when the bytes
 * came off the link: {@link #recordPacket(long, int, int, int)} for a stream with sequence numbers
 * (the wristband), {@link #recordPacket(long, int, int)} for one without (the Myo, the legacy
 * wristband), {@link #recordMalformed} when decoding failed. Recording allocates nothing: all state
 * is fixed-size arrays made up front, so a stream at full rate adds no garbage. {@link
 * #snapshot(long)} builds an immutable {@link StreamHealthSnapshot}; call it at UI rate, not per
 * packet.
 *
 * <p>Loss with sequence numbers follows the protocol's {@link SequenceTracker}: a jump of the
 * 16-bit sequence counts the skipped numbers as lost; a number that arrives late (within the last
 * 64) is moved from lost to out-of-order; one already seen is a duplicate; a jump too far to be
 * loss is the device restarting its counter, counted in {@link
 * StreamHealthSnapshot#sequenceRestarts()} instead. A malformed packet's sequence number cannot be
 * trusted, so a malformed packet also shows as one lost packet.
 *
 * <p>Loss without sequence numbers is inferred: the packets the nominal rate predicts over the time
 * covered, minus the notifications that arrived (decoded or not). It is exact for long spans and
 * within a connection event's worth of packets for the live window, which is why the snapshot flags
 * it as inferred.
 *
 * <p>Thread safety: all methods are synchronized, so one thread can record while a UI thread takes
 * snapshots.
 */
public final class StreamHealth {

  /** The live window's default length. */
  public static final Duration DEFAULT_LIVE_WINDOW = Duration.ofSeconds(1);

  private static final int LIVE_BUCKETS = 10;
  private static final int RING_SLOTS = LIVE_BUCKETS + 2;
  private static final int INTERVAL_RING = 4096;

  private static final int PACKETS = 0;
  private static final int SAMPLES = 1;
  private static final int BYTES = 2;
  private static final int MALFORMED = 3;
  private static final int LOST = 4;
  private static final int DUPLICATES = 5;
  private static final int OUT_OF_ORDER = 6;
  private static final int METRICS = 7;

  private final StreamKey key;
  private final NominalRate nominal;
  private final boolean sequenced;
  private final long bucketNanos;
  private final long nominalPeriodNanos;

  // Live window: a ring of time buckets, each holding every metric's count for its slice of time.
  private final long[] bucketIds = new long[RING_SLOTS];
  private final long[][] bucketCounts = new long[METRICS][RING_SLOTS];

  // Recent inter-arrival intervals with their arrival times, for exact live percentiles.
  private final long[] ringArrival = new long[INTERVAL_RING];
  private final long[] ringInterval = new long[INTERVAL_RING];
  private final long[] scratchIntervals = new long[INTERVAL_RING];
  private final long[] scratchJitter = new long[INTERVAL_RING];
  private long intervalsSeen;

  private final IntervalHistogram intervalHistogram = new IntervalHistogram();
  private final IntervalHistogram jitterHistogram = new IntervalHistogram();

  private final long[] totals = new long[METRICS];
  private final long[] firstContribution = new long[METRICS];
  private final long[] malformedByReason = new long[ProtocolException.Reason.values().length];
  private long notifications;
  private long firstArrival;
  private long lastArrival;

  // The protocol's own classification of 16-bit sequence numbers, so that health and the decoders
  // agree on what "lost", "late" and "restarted" mean.
  private SequenceTracker sequenceTracker = new SequenceTracker();
  private long sequenceRestarts;
  private int outages;
  private long disconnectedNanos;

  private StreamHealth(StreamKey key, NominalRate nominal, boolean sequenced, Duration liveWindow) {
    this.key = Objects.requireNonNull(key, "key");
    this.nominal = Objects.requireNonNull(nominal, "nominal");
    this.sequenced = sequenced;
    long windowNanos = liveWindow.toNanos();
    if (windowNanos < LIVE_BUCKETS) {
      throw new IllegalArgumentException("live window too short: " + liveWindow);
    }
    this.bucketNanos = windowNanos / LIVE_BUCKETS;
    this.nominalPeriodNanos = nominal.packetPeriodNanos();
    Arrays.fill(bucketIds, Long.MIN_VALUE);
  }

  /**
   * Watches a stream whose packets carry a 16-bit sequence number (wristband v1).
   *
   * @param key which device and characteristic
   * @param nominal what the device should send
   * @return a tracker with a one-second live window
   */
  public static StreamHealth withSequenceNumbers(StreamKey key, NominalRate nominal) {
    return new StreamHealth(key, nominal, true, DEFAULT_LIVE_WINDOW);
  }

  /**
   * Watches a stream whose packets carry no sequence number (Myo, legacy wristband): loss is
   * inferred from timing.
   *
   * @param key which device and characteristic
   * @param nominal what the device should send
   * @return a tracker with a one-second live window
   */
  public static StreamHealth withoutSequenceNumbers(StreamKey key, NominalRate nominal) {
    return new StreamHealth(key, nominal, false, DEFAULT_LIVE_WINDOW);
  }

  /**
   * Watches a stream with a live window of a chosen length.
   *
   * @param key which device and characteristic
   * @param nominal what the device should send
   * @param sequenced whether packets carry a 16-bit sequence number
   * @param liveWindow how far back the live figures look (split into ten buckets)
   * @return the tracker
   */
  public static StreamHealth of(
      StreamKey key, NominalRate nominal, boolean sequenced, Duration liveWindow) {
    return new StreamHealth(key, nominal, sequenced, liveWindow);
  }

  /**
   * Returns the stream this tracker watches.
   *
   * @return the device and characteristic
   */
  public StreamKey key() {
    return key;
  }

  /**
   * Records a packet that decoded, on a stream with sequence numbers.
   *
   * @param hostTimeNanos {@link System#nanoTime()} when the notification arrived
   * @param byteLength the notification's length in bytes
   * @param sequence the packet's 16-bit sequence number (0..65535)
   * @param samples samples the packet carried
   * @throws IllegalStateException if this stream was created without sequence numbers
   * @throws IllegalArgumentException if the sequence number is not 16 bits
   */
  public synchronized void recordPacket(
      long hostTimeNanos, int byteLength, int sequence, int samples) {
    if (!sequenced) {
      throw new IllegalStateException(key + " has no sequence numbers");
    }
    if (sequence < 0 || sequence > 0xFFFF) {
      throw new IllegalArgumentException("sequence is 16 bits: " + sequence);
    }
    arrive(hostTimeNanos, byteLength);
    count(hostTimeNanos, PACKETS, 1);
    count(hostTimeNanos, SAMPLES, samples);
    trackSequence(hostTimeNanos, sequence);
  }

  /**
   * Records a packet that decoded, on a stream without sequence numbers.
   *
   * @param hostTimeNanos {@link System#nanoTime()} when the notification arrived
   * @param byteLength the notification's length in bytes
   * @param samples samples the packet carried
   * @throws IllegalStateException if this stream was created with sequence numbers
   */
  public synchronized void recordPacket(long hostTimeNanos, int byteLength, int samples) {
    if (sequenced) {
      throw new IllegalStateException(key + " has sequence numbers: pass them");
    }
    arrive(hostTimeNanos, byteLength);
    count(hostTimeNanos, PACKETS, 1);
    count(hostTimeNanos, SAMPLES, samples);
  }

  /**
   * Records a notification that did not decode.
   *
   * @param hostTimeNanos {@link System#nanoTime()} when the notification arrived
   * @param byteLength the notification's length in bytes
   * @param reason why the decoder refused it
   */
  public synchronized void recordMalformed(
      long hostTimeNanos, int byteLength, ProtocolException.Reason reason) {
    arrive(hostTimeNanos, byteLength);
    count(hostTimeNanos, MALFORMED, 1);
    malformedByReason[reason.ordinal()]++;
  }

  /** Forgets everything, as if the tracker had just been made (a new recording, a reconnect). */
  public synchronized void reset() {
    Arrays.fill(bucketIds, Long.MIN_VALUE);
    for (long[] c : bucketCounts) {
      Arrays.fill(c, 0);
    }
    intervalsSeen = 0;
    intervalHistogram.clear();
    jitterHistogram.clear();
    Arrays.fill(totals, 0);
    Arrays.fill(firstContribution, 0);
    Arrays.fill(malformedByReason, 0);
    notifications = 0;
    sequenceTracker = new SequenceTracker(); // its reset() keeps the counts
    sequenceRestarts = 0;
    outages = 0;
    disconnectedNanos = 0;
  }

  private void arrive(long t, int byteLength) {
    if (byteLength < 0) {
      throw new IllegalArgumentException("byteLength < 0: " + byteLength);
    }
    if (notifications == 0) {
      firstArrival = t;
    } else {
      long interval = t - lastArrival;
      int slot = (int) (intervalsSeen & (INTERVAL_RING - 1));
      ringArrival[slot] = t;
      ringInterval[slot] = interval;
      intervalsSeen++;
      intervalHistogram.add(interval);
      jitterHistogram.add(Math.abs(interval - nominalPeriodNanos));
    }
    lastArrival = t;
    notifications++;
    count(t, BYTES, byteLength);
  }

  private void count(long t, int metric, long amount) {
    totals[metric] += amount;
    if (notifications == 1 && t == firstArrival) {
      // Rates since the start are measured between the first and the last arrival, so what the
      // first notification brought is left out of them.
      firstContribution[metric] += amount;
    }
    long bucket = Math.floorDiv(t, bucketNanos);
    int slot = (int) Math.floorMod(bucket, (long) RING_SLOTS);
    if (bucketIds[slot] != bucket) {
      if (bucketIds[slot] > bucket) {
        return; // older than the live window can hold
      }
      bucketIds[slot] = bucket;
      for (long[] c : bucketCounts) {
        c[slot] = 0;
      }
    }
    bucketCounts[metric][slot] += amount;
  }

  private void trackSequence(long t, int sequence) {
    long lostBefore = sequenceTracker.lost();
    SequenceTracker.Outcome outcome = sequenceTracker.accept(sequence);
    switch (outcome) {
      case DUPLICATE -> count(t, DUPLICATES, 1);
      case LATE -> count(t, OUT_OF_ORDER, 1);
      case RESYNC -> sequenceRestarts++;
      default -> {}
    }
    long lostDelta = sequenceTracker.lost() - lostBefore;
    if (lostDelta != 0) {
      count(t, LOST, lostDelta);
    }
  }

  /**
   * Describes the stream now.
   *
   * @param nowNanos the host's {@link System#nanoTime()}; the live window is the last ten complete
   *     buckets before it
   * @return an immutable snapshot
   */
  public synchronized StreamHealthSnapshot snapshot(long nowNanos) {
    Map<ProtocolException.Reason, Long> reasons = new EnumMap<>(ProtocolException.Reason.class);
    for (ProtocolException.Reason r : ProtocolException.Reason.values()) {
      if (malformedByReason[r.ordinal()] > 0) {
        reasons.put(r, malformedByReason[r.ordinal()]);
      }
    }
    Optional<Duration> since =
        notifications == 0
            ? Optional.empty()
            : Optional.of(Duration.ofNanos(Math.max(0, nowNanos - lastArrival)));
    return new StreamHealthSnapshot(
        key,
        nominal,
        !sequenced,
        nowNanos,
        liveWindow(nowNanos),
        cumulativeWindow(),
        sequenceRestarts,
        reasons,
        since,
        outages,
        Duration.ofNanos(disconnectedNanos));
  }

  /**
   * Counts a link outage the stream came back from: its time is disconnect time, when nothing
   * could arrive. For a stream without sequence numbers the inferred loss already counts the
   * samples the outage cost; this says why.
   *
   * @param lostAtNanos when the link was seen lost ({@link System#nanoTime()} scale)
   * @param resumedAtNanos when the stream ran again
   */
  public synchronized void recordOutage(long lostAtNanos, long resumedAtNanos) {
    if (resumedAtNanos < lostAtNanos) {
      throw new IllegalArgumentException("an outage cannot end before it starts");
    }
    outages++;
    disconnectedNanos += resumedAtNanos - lostAtNanos;
  }

  private HealthWindow liveWindow(long now) {
    long current = Math.floorDiv(now, bucketNanos);
    long windowStart = (current - LIVE_BUCKETS) * bucketNanos;
    long windowEnd = current * bucketNanos;
    long[] sums = new long[METRICS];
    for (long b = current - LIVE_BUCKETS; b < current; b++) {
      int slot = (int) Math.floorMod(b, (long) RING_SLOTS);
      if (bucketIds[slot] == b) {
        for (int m = 0; m < METRICS; m++) {
          sums[m] += bucketCounts[m][slot];
        }
      }
    }
    // A stream younger than the window is measured from its first notification.
    long start = notifications == 0 ? windowEnd : Math.max(windowStart, firstArrival);
    long span = Math.max(0, windowEnd - start);
    return window(span, sums, sums, liveInterArrival(windowStart, windowEnd), false);
  }

  private HealthWindow cumulativeWindow() {
    long span = notifications == 0 ? 0 : lastArrival - firstArrival;
    long[] rateCounts = new long[METRICS];
    for (int m = 0; m < METRICS; m++) {
      rateCounts[m] = totals[m] - firstContribution[m];
    }
    Optional<InterArrival> timing =
        intervalHistogram.count() == 0
            ? Optional.empty()
            : Optional.of(
                new InterArrival(
                    intervalHistogram.count(),
                    Duration.ofNanos(intervalHistogram.percentile(50)),
                    Duration.ofNanos(intervalHistogram.percentile(99)),
                    Duration.ofNanos(jitterHistogram.percentile(50)),
                    Duration.ofNanos(jitterHistogram.percentile(99))));
    return window(span, totals.clone(), rateCounts, timing, notifications > 0);
  }

  /**
   * Builds one window's figures.
   *
   * @param sums the counts in the window
   * @param rateCounts the counts rates are computed from (since the start, the first notification's
   *     are left out: rates there run between the first and last arrival)
   * @param closedSpan whether the span runs from an arrival to an arrival, both counted (since the
   *     start), so that the nominal rate predicts one packet more than the periods in it; a live
   *     window is half-open
   */
  private HealthWindow window(
      long spanNanos,
      long[] sums,
      long[] rateCounts,
      Optional<InterArrival> timing,
      boolean closedSpan) {
    double seconds = spanNanos * 1e-9;
    long lost;
    double lostPercent;
    if (sequenced) {
      lost = Math.max(0, sums[LOST]);
      long sent = Math.max(0, sums[PACKETS] - sums[DUPLICATES]) + lost;
      lostPercent = sent == 0 ? 0 : 100.0 * lost / sent;
    } else {
      long arrived = sums[PACKETS] + sums[MALFORMED];
      long expected = Math.round(seconds * nominal.packetsPerSecond()) + (closedSpan ? 1 : 0);
      lost = Math.max(0, expected - arrived);
      lostPercent = expected <= 0 ? 0 : 100.0 * lost / expected;
    }
    boolean noSpan = spanNanos == 0;
    return new HealthWindow(
        Duration.ofNanos(spanNanos),
        sums[PACKETS],
        sums[SAMPLES],
        sums[BYTES],
        sums[MALFORMED],
        lost,
        sums[DUPLICATES],
        sums[OUT_OF_ORDER],
        noSpan ? Double.NaN : rateCounts[PACKETS] / seconds,
        noSpan ? Double.NaN : rateCounts[SAMPLES] / seconds,
        noSpan ? Double.NaN : rateCounts[BYTES] / seconds,
        lostPercent,
        timing);
  }

  private Optional<InterArrival> liveInterArrival(long windowStart, long windowEnd) {
    int n = 0;
    long available = Math.min(intervalsSeen, INTERVAL_RING);
    for (long i = intervalsSeen - 1; i >= intervalsSeen - available; i--) {
      int slot = (int) (i & (INTERVAL_RING - 1));
      long at = ringArrival[slot];
      if (at < windowStart) {
        break;
      }
      if (at < windowEnd) {
        scratchIntervals[n] = ringInterval[slot];
        scratchJitter[n] = Math.abs(ringInterval[slot] - nominalPeriodNanos);
        n++;
      }
    }
    if (n == 0) {
      return Optional.empty();
    }
    Arrays.sort(scratchIntervals, 0, n);
    Arrays.sort(scratchJitter, 0, n);
    return Optional.of(
        new InterArrival(
            n,
            Duration.ofNanos(nearestRank(scratchIntervals, n, 50)),
            Duration.ofNanos(nearestRank(scratchIntervals, n, 99)),
            Duration.ofNanos(nearestRank(scratchJitter, n, 50)),
            Duration.ofNanos(nearestRank(scratchJitter, n, 99))));
  }

  private static long nearestRank(long[] sorted, int n, double percent) {
    int rank = (int) Math.max(1, Math.ceil(percent / 100.0 * n));
    return sorted[rank - 1];
  }
}
