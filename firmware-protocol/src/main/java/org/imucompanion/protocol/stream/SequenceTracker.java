package org.imucompanion.protocol.stream;

/**
 * Follows a stream's wrapping 16-bit packet sequence numbers (PROTOCOL.md §2.4) and classifies each
 * arrival as in order, after a gap, a duplicate, late (out of order), or a resynchronisation.
 *
 * <p>It keeps cumulative counts that stream health reports: a packet that arrives late after being
 * counted lost is taken off the lost count again, as RTP receivers do. Arrivals are compared by
 * their signed distance from the expected number modulo 2¹⁶, so wrap-around from 65535 to 0 is an
 * ordinary step. It holds no per-packet allocation; one instance follows one characteristic and is
 * not thread-safe.
 */
public final class SequenceTracker {
  /** How an arrival relates to the packets before it. */
  public enum Outcome {
    /** The first packet since creation or {@link #reset()}. */
    FIRST,
    /** The expected next number. */
    IN_ORDER,
    /** Ahead of the expected number: {@link #lastGap()} packets are (so far) lost. */
    GAP,
    /** A number received already, within the last 64. */
    DUPLICATE,
    /** Behind the expected number but not received before: it had been counted lost. */
    LATE,
    /** So far from the expected number that the sender must have restarted; tracking starts over. */
    RESYNC
  }

  private static final int MODULUS = 1 << 16;
  private static final int HISTORY = 64;
  private static final int MAX_GAP = 4096;

  private boolean started;
  private int expected;
  private long seen; // bit i set: (expected - 1 - i) was received
  private int known; // how many of those bits describe numbers at or after the first packet
  private int lastGap;
  private long received;
  private long lost;
  private long duplicates;
  private long late;
  private long resyncs;

  /**
   * Classifies one arrival and updates the counts.
   *
   * @param sequence the packet's sequence number, 0..65535
   * @return how it relates to the packets before it
   */
  public Outcome accept(int sequence) {
    if (sequence < 0 || sequence >= MODULUS) {
      throw new IllegalArgumentException("sequence must be 0..65535: " + sequence);
    }
    lastGap = 0;
    if (!started) {
      started = true;
      received++;
      expected = (sequence + 1) % MODULUS;
      seen = 1;
      known = 1;
      return Outcome.FIRST;
    }
    int distance = signedDistance(sequence, expected);
    if (distance == 0) {
      received++;
      expected = (expected + 1) % MODULUS;
      seen = (seen << 1) | 1;
      known = Math.min(HISTORY, known + 1);
      return Outcome.IN_ORDER;
    }
    if (distance > 0 && distance <= MAX_GAP) {
      received++;
      lost += distance;
      lastGap = distance;
      expected = (sequence + 1) % MODULUS;
      seen = distance + 1 >= Long.SIZE ? 1 : (seen << (distance + 1)) | 1;
      known = Math.min(HISTORY, known + distance + 1);
      return Outcome.GAP;
    }
    int back = -distance - 1; // 0 = the last number before expected
    if (distance < 0 && back < HISTORY) {
      long bit = 1L << back;
      if ((seen & bit) != 0) {
        duplicates++;
        return Outcome.DUPLICATE;
      }
      seen |= bit;
      received++;
      late++;
      if (back < known) {
        lost--; // it had been counted in a gap; a number from before the first packet never was
      }
      return Outcome.LATE;
    }
    resyncs++;
    received++;
    expected = (sequence + 1) % MODULUS;
    seen = 1;
    known = 1;
    return Outcome.RESYNC;
  }

  /** Forgets the stream's position (call it when the device restarts its stream); keeps the counts. */
  public void reset() {
    started = false;
    seen = 0;
    known = 0;
    lastGap = 0;
  }

  /**
   * Returns the length of the gap found by the last {@link #accept}, or 0.
   *
   * @return packets missing before the last arrival
   */
  public int lastGap() {
    return lastGap;
  }

  /**
   * Returns packets received, excluding duplicates.
   *
   * @return the count
   */
  public long received() {
    return received;
  }

  /**
   * Returns packets missing now: gaps minus late arrivals that filled them.
   *
   * @return the count
   */
  public long lost() {
    return lost;
  }

  /**
   * Returns duplicate arrivals.
   *
   * @return the count
   */
  public long duplicates() {
    return duplicates;
  }

  /**
   * Returns late (out-of-order) arrivals.
   *
   * @return the count
   */
  public long late() {
    return late;
  }

  /**
   * Returns how often the tracker had to start over.
   *
   * @return the count
   */
  public long resyncs() {
    return resyncs;
  }

  private static int signedDistance(int sequence, int expected) {
    int d = (sequence - expected + MODULUS) % MODULUS;
    return d >= MODULUS / 2 ? d - MODULUS : d;
  }
}
