package org.imucompanion.protocol.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A device sampling on its own drifting crystal and sending batches of samples over a simulated BLE
 * link, with the true time of every sample kept for comparison.
 *
 * <p>The radio sends only at connection events, every {@code intervalNanos} on the host's clock; a
 * notification waits for the first event at or after its last sample was taken. An event is missed
 * (interference) with a probability; what waits then goes out in the next event, at most {@code
 * maxPerEvent} notifications each, {@value #AIRTIME_NANOS} ns apart: the bursts a connection event
 * delivers. A notification is lost with a probability. On the host each one is delivered after a
 * fixed latency ({@value #LATENCY_NANOS} ns) plus a jitter uniform in {@code 0..jitterNanos}, in
 * order (one D-Bus receiver thread), at least {@value #MIN_SPACING_NANOS} ns after the previous
 * one.
 */
final class SimulatedBleLink {
  static final long AIRTIME_NANOS = 400_000;
  static final long LATENCY_NANOS = 1_000_000;
  static final long MIN_SPACING_NANOS = 20_000;

  /**
   * One notification as the host saw it.
   *
   * @param arrivalNanos host arrival
   * @param firstIndex stream index of its first sample
   * @param samples samples it carries
   * @param deviceMicros raw 32-bit device time of its first sample
   * @param trueFirstNanos true host time its first sample was taken
   * @param truePeriodNanos true time between its samples, on the host's clock
   */
  record Arrival(
      long arrivalNanos,
      long firstIndex,
      int samples,
      long deviceMicros,
      double trueFirstNanos,
      double truePeriodNanos) {

    double trueTime(int i) {
      return trueFirstNanos + i * truePeriodNanos;
    }
  }

  /**
   * The device and link.
   *
   * @param rateHz nominal sample rate
   * @param samplesPerNotification batch size
   * @param driftPpm the device crystal's error: positive runs fast (samples come quicker)
   * @param startNanos true host time of sample 0
   * @param deviceStartMicros the device clock's reading at sample 0 (any 64-bit value)
   * @param intervalNanos connection interval
   * @param missProbability chance a connection event is missed
   * @param maxPerEvent most notifications sent in one event
   * @param jitterNanos host jitter upper bound
   * @param dropProbability chance a notification is lost
   * @param jitter how the jitter is spread
   * @param seed the generator's seed
   */
  record Settings(
      double rateHz,
      int samplesPerNotification,
      double driftPpm,
      double startNanos,
      long deviceStartMicros,
      double intervalNanos,
      double missProbability,
      int maxPerEvent,
      double jitterNanos,
      double dropProbability,
      Jitter jitter,
      long seed) {}

  /** How the host's jitter is spread over {@code 0..jitterNanos}. */
  enum Jitter {
    /** Uniform: every notification as likely to be late by the bound as by nothing (the worst). */
    UNIFORM,
    /** Exponential with a mean of a tenth of the bound, cut at the bound: mostly small, a tail. */
    TAIL
  }

  private SimulatedBleLink() {}

  /**
   * What the radio can hide: the greatest common divisor of the notification period and the
   * connection interval (in whole µs), the spacing of the phases at which notifications meet
   * connection events. The smallest delay seen can sit anywhere below it for minutes.
   *
   * @param s the device and link
   * @return nanoseconds
   */
  static double quantumNanos(Settings s) {
    long a = Math.round(s.samplesPerNotification() * 1e6 / s.rateHz());
    long b = Math.round(s.intervalNanos() / 1e3);
    while (b != 0) {
      long r = a % b;
      a = b;
      b = r;
    }
    return a * 1e3;
  }

  private static double jitter(Random random, Settings s) {
    if (s.jitter() == Jitter.UNIFORM) {
      return random.nextDouble() * s.jitterNanos();
    }
    double e = -Math.log(1 - random.nextDouble()) * s.jitterNanos() / 10;
    return Math.min(e, s.jitterNanos());
  }

  /**
   * Simulates a run.
   *
   * @param s the device and link
   * @param notifications how many notifications the device sends (lost ones included)
   * @return what arrived, in arrival order
   */
  static List<Arrival> run(Settings s, int notifications) {
    Random random = new Random(s.seed());
    double truePeriod = 1e9 / s.rateHz() / (1 + s.driftPpm() * 1e-6);
    double devicePeriodMicros = 1e6 / s.rateHz();
    int n = s.samplesPerNotification();
    double eventPhase = random.nextDouble() * s.intervalNanos();
    long event = -1;
    boolean eventMissed = true;
    int inEvent = 0;
    long previousArrival = Long.MIN_VALUE;
    List<Arrival> out = new ArrayList<>(notifications);
    for (int j = 0; j < notifications; j++) {
      double firstTrue = s.startNanos() + (double) j * n * truePeriod;
      double ready = firstTrue + (n - 1) * truePeriod;
      boolean dropped = random.nextDouble() < s.dropProbability();
      // The first usable event at or after it was ready and not before the queue's current one.
      long k =
          Math.max(
              event, (long) Math.ceil((ready - s.startNanos() - eventPhase) / s.intervalNanos()));
      while (true) {
        if (k != event) {
          event = k;
          eventMissed = random.nextDouble() < s.missProbability();
          inEvent = 0;
        }
        if (!eventMissed && inEvent < s.maxPerEvent()) {
          break;
        }
        k++;
      }
      double eventTime = s.startNanos() + eventPhase + k * s.intervalNanos();
      double arrival = eventTime + inEvent * AIRTIME_NANOS + LATENCY_NANOS + jitter(random, s);
      inEvent++;
      if (dropped) {
        continue; // lost on the air, but it took its place in the event
      }
      long a = (long) Math.ceil(arrival);
      if (previousArrival != Long.MIN_VALUE && a < previousArrival + MIN_SPACING_NANOS) {
        a = previousArrival + MIN_SPACING_NANOS;
      }
      previousArrival = a;
      long deviceMicros =
          (s.deviceStartMicros() + Math.round((double) j * n * devicePeriodMicros)) & 0xFFFF_FFFFL;
      out.add(new Arrival(a, (long) j * n, n, deviceMicros, firstTrue, truePeriod));
    }
    return out;
  }
}
