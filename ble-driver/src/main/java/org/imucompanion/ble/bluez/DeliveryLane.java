package org.imucompanion.ble.bluez;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.imucompanion.ble.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path from the D-Bus signal thread to a connection's listeners.
 *
 * <p>{@link #offer} is all the signal thread does: put a notification in a bounded queue (dropping
 * and counting the oldest when full, so a slow listener loses old data rather than stalling the bus
 * or growing without bound) and return. Events (state changes) go in a separate queue that is never
 * dropped from and always runs first. One worker thread takes from both and hands each item to the
 * caller's executor, so callbacks are in order for a serial executor.
 */
final class DeliveryLane implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryLane.class);

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition ready = lock.newCondition();
  private final ArrayDeque<Notification> notifications;
  private final ArrayDeque<Runnable> events = new ArrayDeque<>();
  private final int capacity;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final Executor executor;
  private final Consumer<Notification> sink;
  private final Thread worker;
  private boolean closed;

  DeliveryLane(String name, int capacity, Executor executor, Consumer<Notification> sink) {
    this.capacity = capacity;
    this.notifications = new ArrayDeque<>(Math.min(capacity, 1024));
    this.executor = executor;
    this.sink = sink;
    this.worker = new Thread(this::run, "ble-deliver-" + name);
    this.worker.setDaemon(true);
    this.worker.start();
  }

  /** Called on the D-Bus signal thread: enqueue and return, never block. */
  void offer(Notification n) {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      if (notifications.size() >= capacity) {
        notifications.pollFirst();
        dropped.incrementAndGet();
      }
      notifications.addLast(n);
      ready.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Queues a callback that must not be dropped (state changes). */
  void post(Runnable event) {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      events.addLast(event);
      ready.signal();
    } finally {
      lock.unlock();
    }
  }

  long dropped() {
    return dropped.get();
  }

  long delivered() {
    return delivered.get();
  }

  private void run() {
    while (true) {
      Runnable event;
      Notification n;
      lock.lock();
      try {
        while (!closed && events.isEmpty() && notifications.isEmpty()) {
          ready.awaitUninterruptibly();
        }
        if (closed && events.isEmpty()) {
          return;
        }
        event = events.pollFirst();
        n = event == null ? notifications.pollFirst() : null;
      } finally {
        lock.unlock();
      }
      try {
        if (event != null) {
          executor.execute(event);
        } else if (n != null) {
          final Notification item = n;
          executor.execute(() -> sink.accept(item));
          delivered.incrementAndGet();
        }
      } catch (RejectedExecutionException e) {
        LOG.warn("caller's executor rejected a BLE callback; it is lost", e);
      } catch (RuntimeException e) {
        // A listener that throws on a direct executor must not kill delivery for the others.
        LOG.warn("BLE listener failed", e);
      }
    }
  }

  /**
   * Stops the worker after the events already queued (the final state change must reach the
   * caller); queued notifications are discarded.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      notifications.clear();
      ready.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
