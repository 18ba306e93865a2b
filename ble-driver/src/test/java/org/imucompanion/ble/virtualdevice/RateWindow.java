package org.imucompanion.ble.virtualdevice;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Brackets a stream's start and stop with the host clock, so a count can be checked against the
 * nominal rate over the time the stream really ran, however late a loaded machine's sleeps are.
 */
final class RateWindow {

  private long beforeStart;
  private long afterStart;
  private long beforeStop;
  private long afterStop;

  /** Runs what starts the stream and notes when it began and returned. */
  static RateWindow start(Runnable start) {
    RateWindow w = new RateWindow();
    w.beforeStart = System.nanoTime();
    start.run();
    w.afterStart = System.nanoTime();
    return w;
  }

  /** A window from times noted by the caller (when starting or stopping cannot be one call). */
  static RateWindow between(long beforeStart, long afterStart, long beforeStop, long afterStop) {
    RateWindow w = new RateWindow();
    w.beforeStart = beforeStart;
    w.afterStart = afterStart;
    w.beforeStop = beforeStop;
    w.afterStop = afterStop;
    return w;
  }

  /** Runs what stops the stream and notes when it began and returned. */
  RateWindow stop(Runnable stop) {
    beforeStop = System.nanoTime();
    stop.run();
    afterStop = System.nanoTime();
    return this;
  }

  /**
   * A device's timer may run late on a busy machine; what was due but not yet sent when the stream
   * stopped is never sent. The lower bound allows that much lag; the upper bound does not (a device
   * must never send faster than its rate).
   */
  private static final double TIMER_LAG_SECONDS = 0.25;

  /**
   * Checks a count against a rate: at least what the shortest possible run gives (less the allowed
   * timer lag), at most what the longest gives, each give or take {@code slack}.
   */
  void assertCount(String what, long count, double perSecond, int slack) {
    double shortest = Math.max(0, (beforeStop - afterStart) * 1e-9 - TIMER_LAG_SECONDS);
    long min = (long) Math.floor(shortest * perSecond) - slack;
    long max = (long) Math.ceil((afterStop - beforeStart) * 1e-9 * perSecond) + slack;
    assertThat(count)
        .as(
            "%s at %.1f/s over %.3f..%.3f s",
            what, perSecond, (beforeStop - afterStart) * 1e-9, (afterStop - beforeStart) * 1e-9)
        .isBetween(min, max);
  }
}
