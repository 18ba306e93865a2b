package org.imucompanion.ble.virtualdevice;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands callbacks to a caller's executor one batch at a time, in the order they were offered, so
 * that even a multi-threaded executor sees a connection's callbacks in order and never two at once
 * (the way a serial executor would).
 *
 * <p>State changes are never dropped and run before waiting notifications; notifications wait in a
 * bounded queue and the oldest is dropped (and counted) when a listener falls that far behind, like
 * the BlueZ transport's delivery lane. No thread of its own: a drain task is submitted to the
 * executor when work arrives and none is pending.
 */
final class OrderedDelivery {

  private static final Logger LOG = LoggerFactory.getLogger(OrderedDelivery.class);

  private final Executor executor;
  private final int capacity;
  private final ArrayDeque<Runnable> events = new ArrayDeque<>();
  private final ArrayDeque<Runnable> notifications = new ArrayDeque<>();
  private boolean draining;
  private boolean closed;
  private long dropped;

  OrderedDelivery(Executor executor, int capacity) {
    this.executor = executor;
    this.capacity = capacity;
  }

  /** Queues a callback that must not be dropped (a state change, a scan event). */
  void post(Runnable event) {
    synchronized (this) {
      if (closed) {
        return;
      }
      events.addLast(event);
    }
    schedule();
  }

  /** Queues a notification callback, dropping the oldest waiting one when the queue is full. */
  void offer(Runnable notification) {
    synchronized (this) {
      if (closed) {
        return;
      }
      if (notifications.size() >= capacity) {
        notifications.pollFirst();
        dropped++;
      }
      notifications.addLast(notification);
    }
    schedule();
  }

  synchronized int pending() {
    return notifications.size();
  }

  synchronized long dropped() {
    return dropped;
  }

  /** Delivers what is queued (state changes included) and nothing offered afterwards. */
  void close() {
    synchronized (this) {
      closed = true;
    }
  }

  private void schedule() {
    synchronized (this) {
      if (draining) {
        return;
      }
      draining = true;
    }
    try {
      executor.execute(this::drain);
    } catch (RejectedExecutionException e) {
      synchronized (this) {
        draining = false;
        events.clear();
        notifications.clear();
      }
      LOG.debug("callback executor refused delivery; callbacks dropped", e);
    }
  }

  private void drain() {
    while (true) {
      Runnable next;
      synchronized (this) {
        next = events.pollFirst();
        if (next == null) {
          next = notifications.pollFirst();
        }
        if (next == null) {
          draining = false;
          return;
        }
      }
      try {
        next.run();
      } catch (RuntimeException e) {
        LOG.warn("a BLE callback failed", e);
      }
    }
  }
}
