package org.imucompanion.ble.virtualdevice;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Fires a device's k-th transmission at {@code start + k · period}, catching up after a late timer
 * with a burst, so that the count over any span is exact however loaded the scheduler is (a
 * fixed-rate timer alone drifts and skips under load).
 */
final class PeriodicSender {

  private final long startNanos;
  private final long periodNanos;
  private final LongConsumer send;
  private final ScheduledFuture<?> timer;
  private long next;
  private volatile boolean stopped;

  /**
   * Starts sending.
   *
   * @param scheduler the device's scheduler
   * @param startNanos {@link System#nanoTime()} of transmission 0
   * @param periodNanos time between transmissions
   * @param send called with 0, 1, 2, ... for each transmission that is due, in order
   */
  PeriodicSender(
      ScheduledExecutorService scheduler, long startNanos, long periodNanos, LongConsumer send) {
    this.startNanos = startNanos;
    this.periodNanos = periodNanos;
    this.send = send;
    this.timer = scheduler.scheduleAtFixedRate(this::tick, 0, periodNanos, TimeUnit.NANOSECONDS);
  }

  private synchronized void tick() {
    long due = (System.nanoTime() - startNanos) / periodNanos + 1;
    while (next < due && !stopped) {
      send.accept(next++);
    }
  }

  void stop() {
    stopped = true;
    timer.cancel(false);
  }
}
